package io.quarkiverse.bedrock.benchmarks.codec;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports {@code cpu.time.norm}: CPU time the benchmark JVM used per operation (all its threads, so the garbage
 * collection an operation causes is counted). Unlike wall-clock throughput it hardly moves when other processes
 * compete for the cores, which makes it the fairer comparison on a shared machine. Use with
 * {@code -prof io.quarkiverse.bedrock.benchmarks.codec.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    /** The label of the result. */
    public static final String CPU_TIME_NORM = "cpu.time.norm";

    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();
    private long before;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long used = os.getProcessCpuTime() - before;
        long ops = result.getMetadata().getAllOps();
        double perOp = ops == 0 ? Double.NaN : (double) used / ops;
        return List.of(new ScalarResult(CPU_TIME_NORM, perOp, "ns/op", AggregationPolicy.AVG));
    }
}
