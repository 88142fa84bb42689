package org.cpmserver.testing;

import java.lang.annotation.Annotation;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import javax.enterprise.event.Event;
import javax.enterprise.event.NotificationOptions;
import javax.enterprise.util.TypeLiteral;

/**
 * A CDI event for a test: what is fired goes to {@code observer}; firing asynchronously fails
 * the test, for events the code under test must announce synchronously.
 */
public final class SynchronousEvent<T> implements Event<T> {

    private final Consumer<T> observer;
    private final String whySynchronous;

    public SynchronousEvent(Consumer<T> observer, String whySynchronous) {
        this.observer = observer;
        this.whySynchronous = whySynchronous;
    }

    @Override
    public void fire(T event) {
        observer.accept(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        throw new AssertionError(whySynchronous);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new AssertionError(whySynchronous);
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }
}
