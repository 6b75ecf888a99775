/** Users: the {@code UserIdProvider} bean of the application, {@code user(id)} and {@code users(ids)}. */
package dev.hubs.it.model.users;
