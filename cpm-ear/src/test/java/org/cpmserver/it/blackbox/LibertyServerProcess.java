package org.cpmserver.it.blackbox;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One assembled Liberty server of this build (target/liberty/wlp/usr/servers/NAME) run as a real
 * process through {@code bin/server run}, configured only through environment variables, exactly
 * as an operator runs it.
 */
final class LibertyServerProcess implements AutoCloseable {

    final String name;
    final int sipPort;
    final int httpPort;
    final Path dataDir;
    final Path console;
    private final Path wlp;
    private final Process process;
    private final long startedNanos = System.nanoTime();

    LibertyServerProcess(String name, int sipPort, int httpPort, int brokerPort, Map<String, String> extraEnv)
            throws IOException {
        this(name, sipPort, httpPort, brokerPort, extraEnv, true);
    }

    /** @param fresh false to start again on the data a previous process of this server left */
    LibertyServerProcess(String name, int sipPort, int httpPort, int brokerPort, Map<String, String> extraEnv, boolean fresh)
            throws IOException {
        this.name = name;
        this.sipPort = sipPort;
        this.httpPort = httpPort;
        this.wlp = Path.of(System.getProperty("cpm.wlp.home"));
        Path work = Path.of(System.getProperty("cpm.it.work")).resolve(name);
        if (fresh) {
            deleteRecursively(work);
        }
        Files.createDirectories(work);
        this.dataDir = work.resolve("data");
        this.console = work.resolve(fresh ? "console.log" : "console-" + System.currentTimeMillis() + ".log");
        Map<String, String> env = new HashMap<>();
        env.put("CPM_SIP_HOST", "127.0.0.1");
        env.put("CPM_SIP_UDP_PORT", Integer.toString(sipPort));
        env.put("CPM_SIP_TCP_PORT", Integer.toString(sipPort));
        env.put("CPM_HTTP_PORT", Integer.toString(httpPort));
        env.put("CPM_BROKER_PORT", Integer.toString(brokerPort));
        env.put("CPM_DATA_DIR", dataDir.toString());
        env.put("CPM_DB", "derby");
        env.putAll(extraEnv);
        ProcessBuilder pb = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", name)
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        pb.environment().putAll(env);
        this.process = pb.start();
    }

    /**
     * Starts the server fresh, waits until it is ready, and provisions each user with the
     * password {@code <user>-password}.
     */
    static LibertyServerProcess startWithUsers(String name, int sipPort, int httpPort, int brokerPort,
            Map<String, String> env, String... users) throws IOException, InterruptedException {
        LibertyServerProcess server = new LibertyServerProcess(name, sipPort, httpPort, brokerPort, env);
        server.awaitHttp("/health/ready", 200, Duration.ofMinutes(3));
        AdminClient admin = new AdminClient(server, AdminClient.PASSWORD);
        for (String user : users) {
            admin.provision(user, user + "-password");
        }
        return server;
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** Waits until {@code path} answers {@code status}; returns the time since start. */
    Duration awaitHttp(String path, int status, Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start-up; see " + console);
            }
            try {
                last = client.send(HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == status) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // listener not open yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + ": " + path + " did not answer " + status + " within " + timeout
                + " (last " + last + "); see " + console);
    }

    /** Kills the server's JVM with SIGKILL: no shutdown hook, no flush, as a crash or power cut would. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        Thread.sleep(500);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Process stop = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        stop.waitFor(60, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
