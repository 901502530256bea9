package io.lwm2mbridge.engine.queue;

import java.util.List;
import java.util.Map;

/**
 * A device's queue mode as the server sees it now, for {@code GET /api/v1/endpoints/{key}/queue}.
 *
 * @param registered whether the device is registered now
 * @param queueMode whether its calls may be held (it registered in queue mode, or {@code force_queue_mode})
 * @param asleep whether it is asleep now, so asynchronous calls are held
 * @param held the calls held for it, oldest first, each as the store keeps it
 *     ({@link io.lwm2mbridge.engine.queue.json.HeldCallJson})
 */
public record QueueState(String endpoint, boolean registered, boolean queueMode, boolean asleep, List<Map<?, ?>> held) {}
