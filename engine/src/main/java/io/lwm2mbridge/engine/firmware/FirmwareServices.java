package io.lwm2mbridge.engine.firmware;

import io.lwm2mbridge.engine.config.BridgeConfig;
import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.firmware.serving.CoapFirmwareResource;
import io.lwm2mbridge.engine.firmware.serving.DownloadUris;
import io.lwm2mbridge.engine.firmware.fota.FotaService;
import io.lwm2mbridge.engine.firmware.fota.json.FotaJobJson;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.Lwm2mServerFactory;
import io.lwm2mbridge.engine.queue.QueueMode;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import io.lwm2mbridge.inventory.DownloadTracker;
import io.lwm2mbridge.inventory.FirmwareInventory;
import java.io.IOException;
import java.time.Clock;
import java.util.function.IntSupplier;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.endpoint.LwM2mServerEndpointsProvider;

/**
 * The firmware inventory, its download serving and the FOTA service, wired together: the inventory under
 * {@code $BRIDGE_DATA_DIR/inventory}, the {@code fw} CoAP resource on the LwM2M server's endpoints, the
 * in-use check that keeps files of running updates from being deleted, and the {@code lwm2m.firmware*}
 * host functions. Built before the LwM2M server starts; {@link #open} once every listener is up.
 */
public final class FirmwareServices implements AutoCloseable {

    private final FirmwareInventory inventory;
    private final DownloadTracker tracker;
    private final FotaService fota;
    private final FirmwareDownloads downloads;

    private FirmwareServices(FirmwareInventory inventory, DownloadTracker tracker, FotaService fota, Clock clock) {
        this.inventory = inventory;
        this.tracker = tracker;
        this.fota = fota;
        this.downloads = new FirmwareDownloads(inventory, tracker, clock);
    }

    /**
     * @param requests the one path to devices
     * @param queueMode whose wake signal ends a job's wait for a sleeping device
     * @param httpPort the HTTP listener's port, -1 while it is not started
     */
    public static FirmwareServices create(BridgeConfig config, EmbeddedStore store, Settings settings,
            EventBus bus, Endpoints endpoints, DeviceRequests requests, QueueMode queueMode, IntSupplier httpPort,
            Clock clock) throws IOException {
        LeshanServer leshan = requests.server();
        FirmwareInventory inventory = new FirmwareInventory(config.dataDir().resolve("inventory"), clock);
        DownloadTracker tracker = new DownloadTracker(inventory);
        DownloadUris uris = new DownloadUris(config.publicHost(), httpPort,
                () -> Lwm2mServerFactory.coapPort(leshan), () -> Lwm2mServerFactory.coapsPort(leshan));
        FotaService fota = new FotaService(requests, inventory, uris, store.map("fota"), FotaJobJson.CODEC,
                store::commit, settings, bus, endpoints, clock);
        inventory.setInUseCheck(fota::usesFile);
        tracker.addListener(fota.downloadListener());
        fota.listeners().attachTo(leshan, queueMode);
        CoapFirmwareResource resource = new CoapFirmwareResource(inventory, tracker, clock);
        for (LwM2mServerEndpointsProvider provider : leshan.getEndpointsProvider()) {
            if (provider instanceof CaliforniumServerEndpointsProvider californium) {
                // one CoapServer carries every endpoint, so the files are served over CoAP and CoAPS alike
                californium.getCoapServer().add(resource);
            }
        }
        return new FirmwareServices(inventory, tracker, fota, clock);
    }

    public FirmwareInventory inventory() {
        return inventory;
    }

    public DownloadTracker tracker() {
        return tracker;
    }

    public FotaService fota() {
        return fota;
    }

    /** What the download route and the inventory API need. */
    public FirmwareDownloads downloads() {
        return downloads;
    }

    /** Picks up the updates that were in progress when the server last stopped. */
    public void open() {
        fota.open();
    }

    @Override
    public void close() {
        fota.close();
    }
}
