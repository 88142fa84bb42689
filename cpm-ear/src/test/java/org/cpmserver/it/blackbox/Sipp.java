package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a sipp scenario from src/test/resources/sipp against the server, on loopback only.
 * {@code EXPECTED_STATUS} in a scenario is replaced by {@link #expect(int)}; other values come in
 * as sipp keywords ({@code -key name value}).
 */
final class Sipp {

    /** What one sipp run left behind. */
    static final class Run {
        final int exitCode;
        final String messages;
        final String errors;

        Run(int exitCode, String messages, String errors) {
            this.exitCode = exitCode;
            this.messages = messages;
            this.errors = errors;
        }

        /** How many times {@code text} occurs in the message trace. */
        int count(String text) {
            int n = 0;
            for (int i = messages.indexOf(text); i >= 0; i = messages.indexOf(text, i + text.length())) {
                n++;
            }
            return n;
        }

        @Override
        public String toString() {
            return "sipp exit " + exitCode + "\n--- errors:\n" + errors + "\n--- messages:\n" + messages;
        }
    }

    /** A sipp process running in the background (a UAS waiting for requests). */
    static final class Running {
        private final Process process;
        private final Path work;

        Running(Process process, Path work) {
            this.process = process;
            this.work = work;
        }

        Run await(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
                return new Run(-1, collect(work, "_messages.log"), collect(work, "_errors.log") + "\n(killed after " + timeout + ")");
            }
            return new Run(process.exitValue(), collect(work, "_messages.log"), collect(work, "_errors.log"));
        }

        void stop() {
            process.destroy();
        }
    }

    private final String scenario;
    private String transport = "u1";
    private int serverPort = StandaloneServer.SIP_PORT;
    private int localPort;
    private String user = "alice";
    private int calls = 1;
    private Integer expected;
    private String timeout = "30s";
    private final Map<String, String> keys = new LinkedHashMap<>();
    private final List<String> extra = new ArrayList<>();

    private Sipp(String scenario) {
        this.scenario = scenario;
        keys.put("domain", StandaloneServer.DOMAIN);
    }

    static Sipp scenario(String name) {
        return new Sipp(name);
    }

    Sipp transport(String t) {
        this.transport = t;
        return this;
    }

    Sipp server(int port) {
        this.serverPort = port;
        return this;
    }

    Sipp localPort(int port) {
        this.localPort = port;
        return this;
    }

    /** The scenario's {@code [service]}: the user addressed (or registering). */
    Sipp user(String u) {
        this.user = u;
        return this;
    }

    Sipp calls(int n) {
        this.calls = n;
        return this;
    }

    Sipp key(String name, String value) {
        keys.put(name, value);
        return this;
    }

    Sipp auth(String username, String password) {
        extra.addAll(List.of("-au", username, "-ap", password));
        return this;
    }

    Sipp expect(int status) {
        this.expected = status;
        return this;
    }

    Sipp extraArgs(String... args) {
        extra.addAll(List.of(args));
        return this;
    }

    Sipp timeout(String t) {
        this.timeout = t;
        return this;
    }

    Run run() throws IOException, InterruptedException {
        return start().await(Duration.ofSeconds(90));
    }

    Running start() throws IOException {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("cpm.it.work")), "sipp-" + scenario + "-");
        Path source = Path.of("src/test/resources/sipp", scenario + ".xml").toAbsolutePath();
        Path scenarioFile = work.resolve(scenario + ".xml");
        String text = Files.readString(source);
        if (expected != null) {
            text = text.replace("EXPECTED_STATUS", expected.toString());
        }
        Files.writeString(scenarioFile, text);
        List<String> cmd = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort,
                "-sf", scenarioFile.toString(), "-t", transport, "-m", Integer.toString(calls),
                "-i", "127.0.0.1", "-p", Integer.toString(localPort == 0 ? freePort() : localPort),
                "-s", user, "-timeout", timeout, "-timeout_error", "-nostdin", "-trace_msg", "-trace_err"));
        keys.forEach((k, v) -> cmd.addAll(List.of("-key", k, v)));
        cmd.addAll(extra);
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("stdout.txt").toFile()).start();
        return new Running(p, work);
    }

    private static String collect(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    return e.toString();
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    /** A port free on loopback for both UDP and TCP. */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no free loopback port");
    }
}
