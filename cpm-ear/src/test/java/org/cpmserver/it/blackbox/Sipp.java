package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs a sipp scenario from src/test/resources/sipp against the server, on loopback only. */
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

        @Override
        public String toString() {
            return "sipp exit " + exitCode + "\n--- errors:\n" + errors + "\n--- messages:\n" + messages;
        }
    }

    private Sipp() {
    }

    /**
     * Runs {@code scenario} once over {@code transport} ("u1" or "t1") to {@code user@domain} at
     * the server's SIP port.
     */
    static Run run(String scenario, String transport, int serverPort, String user, String domain, String... extra)
            throws IOException, InterruptedException {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("cpm.it.work")), "sipp-" + scenario + "-");
        Path scenarioFile = Path.of("src/test/resources/sipp", scenario + ".xml").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort,
                "-sf", scenarioFile.toString(), "-t", transport, "-m", "1",
                "-i", "127.0.0.1", "-p", Integer.toString(freePort()),
                "-s", user, "-key", "domain", domain,
                "-timeout", "30s", "-nostdin", "-trace_msg", "-trace_err"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("stdout.txt").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("sipp did not finish within 60 s in " + work);
        }
        return new Run(p.exitValue(), collect(work, "_messages.log"), collect(work, "_errors.log"));
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
