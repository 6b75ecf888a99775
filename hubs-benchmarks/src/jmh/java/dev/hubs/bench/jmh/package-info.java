/**
 * JMH microbenchmarks of hubs-core's hot paths: the JSON hub protocol and a broadcast to 1 000 connections. Run
 * them with run-benchmarks.sh, or alone: {@code java -cp ... org.openjdk.jmh.Main dev.hubs.bench.jmh}.
 */
package dev.hubs.bench.jmh;
