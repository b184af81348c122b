package io.quarkiverse.bedrock.benchmarks.streaming;

import java.lang.management.ManagementFactory;

/**
 * This process's CPU time ({@code OperatingSystemMXBean.getProcessCpuTime}) and the bytes allocated by all its live
 * threads ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}, summed).
 */
final class ProcessMeter {

    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    /**
     * @param cpuNanos process CPU time
     * @param allocatedBytes sum of the allocated bytes of all live threads; a thread that died since the previous
     *        reading takes its bytes with it, so the harness keeps its threads alive across a round
     * @param cpuByThreads CPU time per thread group ({@link ThreadCpu})
     */
    record Reading(long cpuNanos, long allocatedBytes, java.util.Map<String, Long> cpuByThreads) {
    }

    ProcessMeter() {
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    Reading read() {
        long[] bytes = threads.getThreadAllocatedBytes(threads.getAllThreadIds());
        long sum = 0;
        for (long b : bytes) {
            if (b > 0) {
                sum += b;
            }
        }
        return new Reading(os.getProcessCpuTime(), sum, ThreadCpu.read());
    }
}
