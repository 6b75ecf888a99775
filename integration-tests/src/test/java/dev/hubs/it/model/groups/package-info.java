/** Group membership through {@code GroupManager}: join, leave, leave on disconnect, re-join. */
package dev.hubs.it.model.groups;
