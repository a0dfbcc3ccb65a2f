package dev.ctgraphql.webhook;

import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The last {@code webhooks.store-size} deliveries, newest last, kept in memory (per replica: a delivery is seen on the
 * replica CleverTap happened to call), and a live stream of new ones.
 */
@ApplicationScoped
public class WebhookStore {

    private final int capacity;
    private final Deque<WebhookDelivery> deliveries = new ArrayDeque<>();
    private final BroadcastProcessor<WebhookDelivery> live = BroadcastProcessor.create();
    private long sequence;

    WebhookStore(WebhookConfig config) {
        this.capacity = config.storeSize();
    }

    /** Most deliveries {@link #last} can return. */
    int capacity() {
        return capacity;
    }

    /** The next delivery id. */
    synchronized String nextId() {
        return Long.toString(++sequence);
    }

    /** Keeps the delivery (dropping the oldest when full) and pushes it to live subscribers. */
    void add(WebhookDelivery delivery) {
        synchronized (this) {
            if (deliveries.size() == capacity) {
                deliveries.removeFirst();
            }
            deliveries.addLast(delivery);
            // under the lock: the processor needs its items one at a time, in order
            live.onNext(delivery);
        }
    }

    /** Up to {@code count} of the newest deliveries for the target (all targets when null), newest first. */
    synchronized List<WebhookDelivery> last(String targetId, int count) {
        List<WebhookDelivery> found = new ArrayList<>(Math.min(count, deliveries.size()));
        for (Iterator<WebhookDelivery> it = deliveries.descendingIterator(); it.hasNext() && found.size() < count;) {
            WebhookDelivery delivery = it.next();
            if (delivery.matches(targetId)) {
                found.add(delivery);
            }
        }
        return found;
    }

    /** Per target, what the store holds, most recently called first. */
    synchronized List<WebhookTarget> targets() {
        Map<String, WebhookTarget> byTarget = new LinkedHashMap<>();
        for (Iterator<WebhookDelivery> it = deliveries.descendingIterator(); it.hasNext();) {
            WebhookDelivery delivery = it.next();
            String key = delivery.targetId() == null ? "" : delivery.targetId();
            WebhookTarget known = byTarget.get(key);
            OffsetDateTime last = known == null ? delivery.receivedAt() : known.lastReceivedAt();
            byTarget.put(key, new WebhookTarget(delivery.targetId(), (known == null ? 0 : known.deliveries()) + 1,
                    (known == null ? 0 : known.users()) + delivery.profiles().size(), last));
        }
        return List.copyOf(byTarget.values());
    }

    /** Deliveries for the target (all when null) from now on. */
    Multi<WebhookDelivery> stream(String targetId) {
        return live.select().where(delivery -> delivery.matches(targetId));
    }

    /** Forgets every delivery (tests). */
    synchronized void clear() {
        deliveries.clear();
    }
}
