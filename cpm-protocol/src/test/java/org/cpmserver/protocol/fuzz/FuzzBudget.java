package org.cpmserver.protocol.fuzz;

/**
 * How long each fuzz test fuzzes in the verify phase ({@code @FuzzTest(maxDuration = ...)}).
 *
 * <p>The module's fuzzing must stay within about three minutes on a two-core machine: the fuzz
 * run forks two JVMs at a time, one per fuzz test, each adding a few seconds of start-up to its
 * budget. Message bodies get {@link #BODY}, one-line header values (small grammars that saturate
 * quickly) {@link #HEADER}. A new fuzz test adds its budget to the total: keep the sum in mind, and
 * use {@code -Djazzer.max_duration=...} (which overrides every test's maxDuration) for a long run.
 */
final class FuzzBudget {

    static final String BODY = "20s";
    static final String HEADER = "10s";

    /**
     * An input that keeps a parser busy this long is a hang ({@code @Timeout} of each fuzz test):
     * libFuzzer reports it while fuzzing, JUnit when a stored input replays. Real inputs take
     * microseconds; the margin is for a loaded machine.
     */
    static final int HANG_SECONDS = 10;

    private FuzzBudget() {
    }
}
