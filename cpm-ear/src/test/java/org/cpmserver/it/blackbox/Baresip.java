package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * baresip 1.0 (Debian package {@code baresip}) registered as one user of the test domain, with
 * one contact (the peer it messages). Headless: only the {@code stdio}, {@code menu},
 * {@code account}, {@code contact} and {@code uuid} modules are loaded, so no audio or video
 * device, no STUN/TURN/ICE; SIP over UDP on 127.0.0.1 only, the test server as outbound proxy.
 * Driven through its standard input ({@code /message <text>} to the current contact,
 * {@code /quit}); watched through its console, which shows the registration and every message
 * received as {@code sip:alice@localhost: "text"}.
 *
 * <p>baresip 1.0 accepts {@code text/plain} only (it answers 415 to {@code message/cpim}) and
 * sends no delivery notifications. Its digest support is MD5 only, and it gives up when a
 * challenge offers SHA-256.
 */
final class Baresip extends RealClient {

    private Baresip(String user, int serverPort, String contact) throws IOException {
        super("baresip", user, serverPort);
        Path cfg = Files.createDirectories(dir.resolve("cfg"));
        Files.writeString(cfg.resolve("config"), String.join("\n",
                "poll_method\t\tepoll",
                "sip_listen\t\t127.0.0.1:" + sipPort,
                "net_interface\t\t127.0.0.1",
                "dns_server\t\t127.0.0.1:53", // never asked (the proxy is an address), and never off this machine
                "module_path\t\t/usr/lib/baresip/modules",
                "module\t\t\tstdio.so",
                "module_tmp\t\tuuid.so",
                "module_tmp\t\taccount.so",
                "module_app\t\tmenu.so",
                "module_app\t\tcontact.so",
                ""));
        Files.writeString(cfg.resolve("accounts"), "<" + aor(user) + ">;auth_pass=" + user + "-password"
                + ";outbound=\"sip:127.0.0.1:" + serverPort + "\";regint=600\n");
        Files.writeString(cfg.resolve("contacts"), "\"" + contact + "\" <" + aor(contact) + ">\n");
    }

    /** Writes the configuration and starts baresip; it registers by itself. */
    static Baresip start(String user, int serverPort, String contact) throws IOException {
        Baresip b = new Baresip(user, serverPort, contact);
        b.start();
        return b;
    }

    @Override
    List<String> command(int run) {
        return List.of("baresip", "-f", dir.resolve("cfg").toString());
    }

    @Override
    String quitCommand() {
        return "/quit";
    }

    /** Waits until this run has registered (baresip answers the digest challenge itself). */
    void awaitRegistered(Duration timeout) throws IOException, InterruptedException {
        await(console(), 0, Pattern.compile(Pattern.quote(user + "@" + StandaloneServer.DOMAIN) + ": \\{0/UDP/v4\\} 200 OK"),
                timeout, "registration");
    }

    /** Sends {@code text} to the one contact. */
    void message(String text) throws IOException {
        send("/message " + text);
    }

    /** Waits until this run's console shows {@code text} received from {@code from}. */
    void awaitReceived(String from, String text, Duration timeout) throws IOException, InterruptedException {
        await(console(), 0, Pattern.compile(Pattern.quote(aor(from) + ": \"" + text + "\"")), timeout,
                "text '" + text + "' from " + from);
    }
}
