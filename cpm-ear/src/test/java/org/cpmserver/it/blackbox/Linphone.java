package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * linphonec (Debian package {@code linphone-cli}, liblinphone 5.1) registered as one user of the
 * test domain, headless: no sound card, no video, no STUN/ICE/UPnP, SIP over UDP on 127.0.0.1 only,
 * its proxy the test server. Driven through its standard input ({@code chat <uri> <text>},
 * {@code quit}); watched through its console (received messages) and its debug log (registration,
 * the SIP traffic, every chat message's state).
 *
 * <p>With {@code cpim} the account sends its messages in CPIM with an {@code imdn.Message-ID} and
 * {@code imdn.Disposition-Notification: positive-delivery, negative-delivery, display}; its
 * messages then become {@code DeliveredToUser} when the recipient's delivery notification comes
 * back. liblinphone 5.1 reads the switch only from {@code [proxy_default_values]}, not from the
 * {@code [proxy_0]} section. Without it the account sends plain {@code text/plain} (SIP SIMPLE),
 * which is all baresip accepts.
 */
final class Linphone extends RealClient {

    private final boolean cpim;

    private Linphone(String user, int serverPort, boolean cpim) throws IOException {
        super("linphone", user, serverPort);
        this.cpim = cpim;
        Files.writeString(rc(), config());
    }

    /** Writes the configuration and starts linphonec; it registers by itself. */
    static Linphone start(String user, int serverPort, boolean cpim) throws IOException {
        Linphone l = new Linphone(user, serverPort, cpim);
        l.start();
        return l;
    }

    Path rc() {
        return dir.resolve("linphonerc");
    }

    /** The debug log of the current run (level 6: every SIP message in full). */
    Path log() {
        return log(runs());
    }

    private Path log(int run) {
        return dir.resolve("linphone-" + run + ".log");
    }

    @Override
    List<String> command(int run) {
        // stdbuf: the console is a file, and linphonec's "Message received" lines must not wait in a stdio buffer
        return List.of("stdbuf", "-oL", "linphonec", "-c", rc().toString(), "-d", "6", "-l", log(run).toString());
    }

    @Override
    String quitCommand() {
        return "quit";
    }

    private String config() {
        String proxy = "sip:127.0.0.1:" + serverPort + ";transport=udp";
        return String.join("\n",
                "[sip]",
                "sip_port=" + sipPort,
                "sip_tcp_port=0",
                "sip_tls_port=0",
                "bind_address=127.0.0.1",
                "use_ipv6=0",
                "guess_hostname=0",
                "ping_with_options=0",
                "register_only_when_network_is_up=0",
                "default_proxy=0",
                "",
                "[net]",
                "firewall_policy=0",
                "mtu=0",
                "",
                "[sound]",
                "playback_dev_id=",
                "ringer_dev_id=",
                "capture_dev_id=",
                "",
                "[video]",
                "capture=0",
                "display=0",
                "automatically_initiate=0",
                "automatically_accept=0",
                "",
                "[misc]",
                "enable_basic_to_client_group_chat_room_migration=0",
                "",
                "[storage]",
                "uri=" + dir.resolve("home/linphone.db"),
                "",
                "[proxy_default_values]",
                "cpim_in_basic_chat_rooms_enabled=" + (cpim ? 1 : 0),
                "",
                "[proxy_0]",
                "reg_proxy=<" + proxy + ">",
                "reg_route=<" + proxy + ";lr>",
                "reg_identity=" + aor(user),
                "reg_expires=600",
                "reg_sendregister=1",
                "publish=0",
                "cpim_in_basic_chat_rooms_enabled=" + (cpim ? 1 : 0),
                "",
                "[auth_info_0]",
                "username=" + user,
                "passwd=" + user + "-password",
                "realm=" + StandaloneServer.DOMAIN,
                "domain=" + StandaloneServer.DOMAIN,
                "");
    }

    /** Waits until this run has registered (after answering the server's digest challenge). */
    void awaitRegistered(Duration timeout) throws IOException, InterruptedException {
        await(log(), 0, Pattern.compile("identity \\[" + Pattern.quote(aor(user))
                + "\\] moving from state \\[\\w+\\] to \\[LinphoneRegistrationOk\\]"), timeout, "registration");
    }

    /** Whether this run answered a digest challenge (an Authorization header on a REGISTER). */
    boolean answeredDigestChallenge() throws IOException {
        return Pattern.compile("(?m)^REGISTER sip:[^\\n]*\\n(?:[^\\n]+\\n)*?Authorization:\\s+Digest ")
                .matcher(readFrom(log(), 0)).find();
    }

    /**
     * One message sent by {@link #chat}: its handle in the log (its address, e.g.
     * {@code 0x55e1f88a2e10}, valid for the sending only: liblinphone reloads the message from
     * its database when a notification about it arrives) and, for a CPIM account, its
     * {@code imdn.Message-ID}.
     */
    record Sent(String peer, String handle, String imdnMessageId) {
    }

    /** Sends {@code text} to {@code to}. */
    Sent chat(String to, String text) throws IOException, InterruptedException {
        long from = mark(log());
        send("chat " + aor(to) + " " + text);
        String handle = await(log(), from, Pattern.compile("Chat message (0x[0-9a-f]+) of chat room " + chatRoom(to)
                + " : moving from Idle to "), Duration.ofSeconds(10), "the chat message to " + to).group(1);
        String id = null;
        if (cpim) {
            // the CPIM body of the MESSAGE as sent, in the log: its imdn.Message-ID a few header lines before the text
            id = await(log(), from, Pattern.compile("imdn\\.Message-ID: (\\S+)(?s:.{0,400}?)" + Pattern.quote(text)),
                    Duration.ofSeconds(10), "the CPIM body of the message to " + to).group(1);
        }
        return new Sent(to, handle, id);
    }

    private String chatRoom(String peer) {
        return "ConferenceId\\(peer=IdentityAddress\\(" + Pattern.quote(aor(peer)) + "\\), local=IdentityAddress\\("
                + Pattern.quote(aor(user)) + "\\)\\)";
    }

    /**
     * Waits until the message sent by {@link #chat} reaches {@code state} (liblinphone's
     * {@code LinphoneChatMessageState} without its prefix: {@code Delivered} once the server
     * answered 2xx, {@code NotDelivered} on a failure).
     */
    void awaitState(Sent message, String state, Duration timeout) throws IOException, InterruptedException {
        await(log(), 0, Pattern.compile("Chat message " + Pattern.quote(message.handle()) + " of chat room "
                + chatRoom(message.peer()) + " : moving from \\w+ to " + state + "\\b"), timeout,
                "state " + state + " of message " + message);
    }

    /**
     * Waits until a positive delivery notification for the CPIM message sent by {@link #chat}
     * arrives ({@code <message-id>} its {@code imdn.Message-ID}, {@code <delivered/>}; liblinphone
     * logs the body, inflated when it came deflated) and liblinphone then marks the message
     * {@code DeliveredToUser} ({@code LinphoneChatMessageStateDeliveredToUser}).
     */
    void awaitDeliveredToUser(Sent message, Duration timeout) throws IOException, InterruptedException {
        if (message.imdnMessageId() == null) {
            throw new IllegalStateException(this + " does not send CPIM: its messages ask for no delivery notification");
        }
        await(log(), 0, Pattern.compile("<message-id>" + Pattern.quote(message.imdnMessageId())
                + "</message-id>(?s:.{0,300}?)<delivered/>(?s:.*?)Chat message 0x[0-9a-f]+ of chat room " + chatRoom(message.peer())
                + " : moving from \\w+ to DeliveredToUser\\b"), timeout, "DeliveredToUser for message " + message);
    }

    /** Waits until this run's console shows {@code text} received from {@code from}. */
    void awaitReceived(String from, String text, Duration timeout) throws IOException, InterruptedException {
        await(console(), 0, Pattern.compile("Message received from " + Pattern.quote(aor(from)) + ": " + Pattern.quote(text)
                + "\\R"), timeout, "text '" + text + "' from " + from);
    }

    /** The status lines of the SIP responses this run received or sent after {@code offset} of its log. */
    List<String> responses(long offset) throws IOException {
        return Pattern.compile("(?m)^SIP/2\\.0 \\d{3} .*$").matcher(readFrom(log(), offset)).results()
                .map(MatchResult::group).toList();
    }
}
