/** Fan-out to slow clients: a client that stops reading is closed when its bounded queue overflows; others go on. */
package dev.hubs.it.model.fanout;
