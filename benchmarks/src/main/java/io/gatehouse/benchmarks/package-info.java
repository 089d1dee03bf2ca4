/**
 * JMH benchmarks (and later the load harness). This module may use any other module; nothing uses
 * it. Build and run: {@code ./mvnw -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar}.
 */
package io.gatehouse.benchmarks;
