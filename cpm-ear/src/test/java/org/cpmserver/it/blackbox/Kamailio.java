package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Kamailio (Debian package) run as the S-CSCF in front of the server, from src/test/resources/kamailio. */
final class Kamailio implements AutoCloseable {

    final int port;
    private final Process process;
    final Path log;

    Kamailio(String config, int port, int asPort) throws IOException, InterruptedException {
        this.port = port;
        Path work = Files.createTempDirectory(Path.of(System.getProperty("cpm.it.work")), "kamailio-");
        Path cfg = work.resolve(config);
        Files.writeString(cfg, Files.readString(Path.of("src/test/resources/kamailio", config))
                .replace("@SCSCF_PORT@", Integer.toString(port)).replace("@AS_PORT@", Integer.toString(asPort)));
        Path run = Files.createDirectories(work.resolve("run"));
        this.log = work.resolve("kamailio.log");
        process = new ProcessBuilder("kamailio", "-f", cfg.toString(), "-DD", "-E", "-Y", run.toString(),
                "-P", run.resolve("kamailio.pid").toString(), "-w", work.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitListening();
    }

    /** Kamailio answers OPTIONS it does not route with nothing useful; wait until its UDP socket answers at all. */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kamailio exited: " + Files.readString(log));
            }
            try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                probe.setSoTimeout(300);
                String ping = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + probe.getLocalPort()
                        + ";branch=z9hG4bKping" + System.nanoTime() + "\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\n"
                        + "To: <sip:127.0.0.1>\r\nCall-ID: ping" + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\n"
                        + "Max-Forwards: 1\r\nContent-Length: 0\r\n\r\n";
                byte[] out = ping.getBytes(StandardCharsets.UTF_8);
                probe.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), port));
                probe.receive(new DatagramPacket(new byte[4096], 4096));
                return;
            } catch (java.net.SocketTimeoutException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("kamailio did not answer on udp:" + port + "; log: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
