package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SIP client (a Debian package) run as a child process, driven through its standard input
 * and watched through the files it writes. Each client has its own directory under
 * {@code target/it-work/clients/}, kept for diagnosis; every start of the client writes a new
 * console file there ({@code console-1.txt}, {@code console-2.txt}, ...).
 */
abstract class RealClient implements AutoCloseable {

    /** Every client process still running, ended when the JVM exits even if a test class forgot one. */
    private static final Set<Process> ALL = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(Process::destroyForcibly), "real-clients-reaper"));
    }

    final String user;
    final int sipPort;
    final int serverPort;
    final Path dir;
    private Process process;
    private Writer stdin;
    private int runs;
    private Path console;

    RealClient(String kind, String user, int serverPort) throws IOException {
        this.user = user;
        this.serverPort = serverPort;
        this.sipPort = Sipp.freePort();
        this.dir = Path.of(System.getProperty("cpm.it.work"), "clients", kind + "-" + user).toAbsolutePath();
        LibertyServerProcess.deleteRecursively(dir);
        Files.createDirectories(dir);
    }

    /** The command line of one run; {@code run} counts from 1. */
    abstract List<String> command(int run);

    /** What this client reads before it exits on its own. */
    abstract String quitCommand();

    /** The address of a user of the test domain. */
    static String aor(String user) {
        return "sip:" + user + "@" + StandaloneServer.DOMAIN;
    }

    /** Starts (or starts again, with the same configuration and data) the client. */
    final synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(this + " is already running");
        }
        runs++;
        console = dir.resolve("console-" + runs + ".txt");
        ProcessBuilder pb = new ProcessBuilder(command(runs)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(console.toFile());
        Map<String, String> env = pb.environment();
        env.put("HOME", dir.resolve("home").toString()); // nothing of the machine's user: no ~/.linphonerc, no ~/.baresip
        env.remove("DISPLAY");
        env.remove("PULSE_SERVER");
        Files.createDirectories(dir.resolve("home"));
        process = pb.start();
        ALL.add(process);
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Sends one line to the client's standard input. */
    final synchronized void send(String line) throws IOException {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(this + " is not running; see " + console);
        }
        stdin.write(line + "\n");
        stdin.flush();
    }

    final int runs() {
        return runs;
    }

    final Path console() {
        return console;
    }

    final boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Asks the client to quit (so that it unregisters), then ends it if it does not. */
    final synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        try {
            if (process.isAlive()) {
                send(quitCommand());
            }
        } catch (IOException | IllegalStateException gone) {
            // it ended on its own
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        ALL.remove(process);
    }

    @Override
    public final void close() throws InterruptedException {
        stop();
    }

    /** The length of a file now, to look only at what is written after this point. */
    static long mark(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** The text of a file from {@code offset} on (invalid UTF-8, e.g. a compressed body in a log, is replaced). */
    static String readFrom(Path file, long offset) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        byte[] all = Files.readAllBytes(file);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    /**
     * Waits until {@code pattern} matches in {@code file} after {@code offset}; returns the match.
     *
     * @throws AssertionError naming {@code what} and the file when it does not within {@code timeout}
     */
    final Matcher await(Path file, long offset, Pattern pattern, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(readFrom(file, offset));
            if (m.find()) {
                return m;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(this + ": " + what + " not seen within " + timeout + " (pattern " + pattern
                        + "); see " + file + (isRunning() ? "" : " (the client has exited)"));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + aor(user) + ", udp 127.0.0.1:" + sipPort + ")";
    }
}
