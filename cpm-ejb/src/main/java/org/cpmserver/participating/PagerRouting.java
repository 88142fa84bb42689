package org.cpmserver.participating;

import java.util.List;
import java.util.Objects;
import org.cpmserver.registrar.Device;

/** Where one message goes for one recipient: to devices, to the deferred store, nowhere (silently), or back refused. */
public final class PagerRouting {

    /** The kinds of routing. */
    public enum Kind { DELIVER, DEFER, DISCARD, REJECT }

    private final Kind kind;
    private final List<Device> devices;
    private final int status;
    private final String reason;

    private PagerRouting(Kind kind, List<Device> devices, int status, String reason) {
        this.kind = kind;
        this.devices = devices;
        this.status = status;
        this.reason = reason;
    }

    static PagerRouting deliver(List<Device> devices) {
        return new PagerRouting(Kind.DELIVER, List.copyOf(devices), 0, null);
    }

    static PagerRouting defer() {
        return new PagerRouting(Kind.DEFER, List.of(), 0, null);
    }

    static PagerRouting discard(String why) {
        return new PagerRouting(Kind.DISCARD, List.of(), 0, Objects.requireNonNull(why));
    }

    static PagerRouting reject(int status, String reason) {
        return new PagerRouting(Kind.REJECT, List.of(), status, Objects.requireNonNull(reason));
    }

    public Kind kind() {
        return kind;
    }

    public List<Device> devices() {
        return devices;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
