/**
 * The README's quick start, followed on a fresh clone of the committed sources: its run command starts the sample
 * chat on Open Liberty and the page answers.
 */
package dev.hubs.it.readme;
