/** How hubs fit CDI: a request context per invocation, interceptors as hub filters, Bean Validation of parameters. */
package dev.hubs.it.model.cdi;
