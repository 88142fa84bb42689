package org.cpmserver.participating;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cpmserver.delivery.DeviceAnswer;
import org.cpmserver.delivery.DeviceMessenger;
import org.cpmserver.delivery.Origin;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.Refusal;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;

/**
 * Offers one message to every device of one recipient at once (OMA CPM: every registered device
 * gets it) and decides once for the recipient: accepted as soon as one device accepts; refused
 * when every device refused for the same reason (the content is the sender's business);
 * unreachable when the devices failed otherwise or none answered before the deadline. Each
 * device's answer is reported as it comes, for the journal.
 */
final class DeviceFork {

    private static final Logger LOG = Logger.getLogger(DeviceFork.class.getName());

    private final List<Device> devices;
    private final BiConsumer<Device, DeviceAnswer> answered;
    private final CompletableFuture<DeviceAnswer> decided = new CompletableFuture<>();
    private final List<DeviceAnswer> failures = new ArrayList<>();
    private int pending;
    private ScheduledFuture<?> deadline;

    DeviceFork(List<Device> devices, BiConsumer<Device, DeviceAnswer> answered) {
        this.devices = List.copyOf(devices);
        this.answered = answered;
    }

    /** Sends to every device; the stage completes with the recipient's verdict. */
    CompletionStage<DeviceAnswer> start(DeviceMessenger messenger, Origin origin, SipAddress recipient, CpmMessage message,
            ScheduledExecutorService deadlines, long timeoutMillis) {
        synchronized (this) {
            pending = devices.size();
            deadline = deadlines.schedule(() -> origin.continuation().execute(this::deadlinePassed), timeoutMillis,
                    TimeUnit.MILLISECONDS);
        }
        for (Device device : devices) {
            CompletionStage<DeviceAnswer> sent;
            try {
                sent = messenger.send(origin, device, recipient, message);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not send to " + device.contactUri(), e);
                sent = CompletableFuture.completedFuture(DeviceAnswer.unreachable(0, "not sent: " + e.getMessage()));
            }
            sent.whenComplete((answer, failure) -> deviceAnswered(device,
                    failure == null ? answer : DeviceAnswer.unreachable(0, "not sent: " + failure.getMessage())));
        }
        return decided;
    }

    private void deviceAnswered(Device device, DeviceAnswer answer) {
        answered.accept(device, answer);
        DeviceAnswer verdict = null;
        synchronized (this) {
            pending--;
            if (!answer.accepted()) {
                failures.add(answer);
            }
            if (decided.isDone()) {
                return;
            }
            if (answer.accepted()) {
                verdict = answer;
            } else if (pending == 0) {
                verdict = verdictOnFailures();
            }
            if (verdict != null) {
                deadline.cancel(false);
            }
        }
        if (verdict != null) {
            decided.complete(verdict);
        }
    }

    /**
     * Every device failed. A verdict on the content that all of them share (unsupported type, too
     * large, not acceptable, declined) goes back to the sender; reachability does not: the
     * message is then kept for later.
     */
    private DeviceAnswer verdictOnFailures() {
        Refusal.Reason common = null;
        for (DeviceAnswer failure : failures) {
            if (failure.kind() != DeviceAnswer.Kind.REFUSED
                    || (common != null && common != failure.refusal().reason())) {
                return DeviceAnswer.unreachable(0, "no device accepted the message");
            }
            common = failure.refusal().reason();
        }
        return failures.get(failures.size() - 1);
    }

    private void deadlinePassed() {
        decided.complete(DeviceAnswer.unreachable(0, "no device answered in time"));
    }
}
