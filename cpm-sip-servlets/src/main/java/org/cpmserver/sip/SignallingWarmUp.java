package org.cpmserver.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.enterprise.concurrent.ManagedThreadFactory;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.delivery.DeviceAnswer;
import org.cpmserver.health.WarmUp;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.sip.LoopbackPagerPeer;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.protocol.sip.SipOptionsPing;
import org.cpmserver.registrar.Device;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Warms the node's signalling path before it says it is ready. A {@link LoopbackPagerPeer} on
 * this host sends pager MESSAGEs to the node's own UDP listener and answers the node's MESSAGEs
 * to its contact; the node handles each one as it handles a user's message on the SIP side: the
 * container parses it and opens its transactions, the main servlet dispatches it, the CPIM body
 * becomes a {@link CpmMessage} ({@link PagerMessaging#message}), the {@link SipDeviceMessenger}
 * sends it to the peer as to a device (the pager's B2BUA leg, with its client transaction), and
 * the device's answer comes back on the session's container thread and answers the peer. That is
 * most of the CPU a message costs, and the part the JIT compiler needs traffic to compile.
 *
 * <p>What it leaves out on purpose: the {@code ParticipatingFunction} and everything behind it.
 * A warm-up message is nobody's message, so it is not authenticated, journaled, counted in the
 * metrics, published as an event or seen by the overload guard; the node's records stay those
 * of its users. Only requests carrying this process's random token in {@link #HEADER} are taken,
 * and only while the warm-up runs.
 *
 * <p>It ends on its count ({@code cpm.warmup.messages}, 0 to skip it) or its time limit
 * ({@code cpm.warmup.max-seconds}), whichever comes first, and tells {@link WarmUp}, which the
 * readiness check reads.
 */
@ApplicationScoped
public class SignallingWarmUp {

    private static final Logger LOG = Logger.getLogger(SignallingWarmUp.class.getName());
    static final String HEADER = "X-CPM-Warm-Up";
    /** Messages in flight at once: enough to keep both the container's threads and the peer busy. */
    static final int CONCURRENCY = 16;
    private static final SipAddress PEER = SipAddress.parse("sip:warm-up@localhost");

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    CpmSettings settings;

    @Inject
    SipResources resources;

    @Inject
    WarmUp state;

    @Inject
    @ConfigProperty(name = "cpm.warmup.messages", defaultValue = "4000")
    int messages;

    @Inject
    @ConfigProperty(name = "cpm.warmup.max-seconds", defaultValue = "120")
    int maxSeconds;

    private final String token = UUID.randomUUID().toString();
    private volatile boolean running;
    private volatile LoopbackPagerPeer peer;
    private volatile Device device;
    private SipDeviceMessenger messenger;
    private Thread thread;

    /** Starts the warm-up on its own thread; the main servlet calls it once it has the factory. */
    synchronized void start(SipFactory factory) {
        if (thread != null || state.over()) {
            return;
        }
        if (messages <= 0) {
            state.end("skipped (cpm.warmup.messages=" + messages + ")");
            return;
        }
        messenger = new SipDeviceMessenger(factory, resources.ownRequestToken(), delayMillis -> {
        });
        running = true;
        thread = threads.newThread(this::run);
        thread.setName("cpm-warm-up");
        thread.start();
    }

    /** Whether a request is one of the warm-up's own (only while it runs). */
    boolean claims(SipServletRequest request) {
        return running && token.equals(request.getHeader(HEADER));
    }

    /** One warm-up MESSAGE: to the peer as to a device, and its answer back to the peer. */
    void handle(SipServletRequest request) throws IOException {
        request.getSession().setInvalidateWhenReady(true);
        request.getApplicationSession().setInvalidateWhenReady(true);
        Device to = device;
        byte[] body = request.getRawContent();
        if (to == null || body == null || request.getContentType() == null) {
            request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Bad Request: not a warm-up message").send();
            return;
        }
        try {
            CpmMessage message = PagerMessaging.message(request, PEER, request.getContentType(), body);
            SipOrigin origin = new SipOrigin(request, resources.onSessionThread(request.getApplicationSession()));
            messenger.send(origin, to, PEER, message).whenCompleteAsync((answer, failure) -> answer(request, answer),
                    origin.continuation());
        } catch (RuntimeException e) {
            request.createResponse(SipServletResponse.SC_SERVER_INTERNAL_ERROR, "Server Internal Error: " + e).send();
        }
    }

    private static void answer(SipServletRequest request, DeviceAnswer answer) {
        try {
            if (answer != null && answer.accepted()) {
                request.createResponse(SipServletResponse.SC_OK).send();
            } else {
                request.createResponse(SipServletResponse.SC_TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable").send();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "warm-up answer not sent", e);
        }
    }

    private void run() {
        long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
        String summary;
        try {
            InetSocketAddress listener = new InetSocketAddress(settings.ownSipAddress(), settings.sipUdpPort());
            String hostPort = SipOptionsPing.hostPort(listener.getAddress().getHostAddress(), listener.getPort());
            awaitListener(listener, "sip:" + hostPort, deadline);
            String requestUri = "sip:warm-up@" + hostPort;
            try (LoopbackPagerPeer p = new LoopbackPagerPeer(listener)) {
                peer = p;
                device = new Device("warm-up", PEER, "warm-up", null, p.contactUri(), null, null, Set.of(), "warm-up", 1,
                        "warm-up", Instant.now(), Instant.now().plus(Duration.ofDays(1)));
                state.begin(messages);
                long left = Math.max(0, deadline - System.nanoTime());
                LoopbackPagerPeer.Result result = p.run(requestUri, messages, CONCURRENCY, Map.of(HEADER, token),
                        Duration.ofNanos(left), state::progressed);
                summary = result.answered() + " of " + messages + " messages answered 200 in "
                        + result.took().toMillis() + " ms"
                        + (result.refused() > 0 ? ", " + result.refused() + " refused" : "")
                        + (result.lost() > 0 ? ", " + result.lost() + " without an answer" : "")
                        + (result.completed() + result.lost() < messages ? " (time limit of " + maxSeconds + " s)" : "");
            }
        } catch (IOException | RuntimeException e) {
            summary = "stopped: " + e;
            LOG.log(Level.WARNING, "warm-up of the signalling path stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            summary = "interrupted";
        } finally {
            running = false;
            peer = null;
        }
        LOG.info("warm-up of the signalling path: " + summary);
        state.end(summary);
    }

    /** Waits until the UDP listener answers OPTIONS (the container opens it after the servlet starts). */
    private static void awaitListener(InetSocketAddress listener, String serverUri, long deadline)
            throws InterruptedException, IOException {
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                SipOptionsPing.ping(SipOptionsPing.Transport.UDP, listener, serverUri, Duration.ofSeconds(1));
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw last != null ? last : new IOException("no SIP listener at udp:" + listener);
    }

    @PreDestroy
    void stop() {
        running = false;
        LoopbackPagerPeer p = peer;
        if (p != null) {
            p.close();
        }
    }
}
