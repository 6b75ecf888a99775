/** Error texts of failed invocations, with detailed errors off (the default) and on (by configuration). */
package dev.hubs.it.model.errors;
