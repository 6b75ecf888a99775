/**
 * Deployment validation: WARs that must fail to deploy, each failure checked in the server's messages.log for a
 * message that names the offending class, method or configuration key.
 */
package dev.hubs.it.model.validation;
