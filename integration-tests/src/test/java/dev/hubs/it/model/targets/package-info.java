/** Every send target of {@code HubCallerClients}: who is reached and, proven with markers, who is not. */
package dev.hubs.it.model.targets;
