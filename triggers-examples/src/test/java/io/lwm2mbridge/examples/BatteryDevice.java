package io.lwm2mbridge.examples;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.response.ReadResponse;

/** Leshan's Device object (3) with a Battery Level (3/0/9) the test can change, which notifies observers. */
public final class BatteryDevice extends Device {

    private volatile long level;

    /** Leshan builds the object's factory from a public no-argument constructor. */
    public BatteryDevice() {
        this("Leshan", "test-model", "SN-0001", 100);
    }

    BatteryDevice(String manufacturer, String model, String serial, long level) {
        super(manufacturer, model, serial);
        this.level = level;
    }

    void setBattery(long newLevel) {
        this.level = newLevel;
        fireResourceChange(9);
    }

    @Override
    public ReadResponse read(LwM2mServer server, int resourceId) {
        if (resourceId == 9) {
            return ReadResponse.success(9, level);
        }
        return super.read(server, resourceId);
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        List<Integer> ids = new ArrayList<>(super.getAvailableResourceIds(model));
        if (!ids.contains(9)) {
            ids.add(9);
            ids.sort(null);
        }
        return ids;
    }
}
