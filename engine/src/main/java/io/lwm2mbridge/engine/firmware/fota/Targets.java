package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.firmware.serving.DownloadUris;
import io.lwm2mbridge.inventory.FirmwareFile;
import io.lwm2mbridge.inventory.FirmwareInventory;
import io.lwm2mbridge.inventory.FirmwareName;
import io.lwm2mbridge.inventory.InvalidNameException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * What an update hands the device, from what the caller named: an inventory file (pushed, or pulled at
 * one of this server's download URIs) or a full URI of elsewhere, pulled as is.
 */
record Targets(FirmwareInventory inventory, DownloadUris uris) {

    /** @param file null for a full URI; @param uri null for a push; @param protocol null for a push */
    record Target(String file, String uri, DownloadProtocol protocol) {}

    /** @throws FotaException when the name or URI is wrong, the file is missing or the protocol not served */
    Target resolve(String endpoint, String target, FotaOptions options) throws FotaException {
        if (target == null || target.isBlank()) {
            throw FotaException.badRequest("give the name of a file in the inventory or a full URI");
        }
        if (target.contains("://")) {
            return external(target, options);
        }
        try {
            FirmwareName.requireValid(target);
        } catch (InvalidNameException e) {
            throw FotaException.badRequest(e.getMessage());
        }
        FirmwareFile file = inventory.get(target).orElseThrow(() -> missing(target));
        if (options.delivery() == Delivery.PUSH) {
            return new Target(file.name(), null, null);
        }
        DownloadProtocol protocol = options.protocolOrDefault();
        String uri = uris.uri(file, protocol.scheme(), endpoint, options.noEpid()).orElseThrow(() ->
                FotaException.badRequest("this server does not serve firmware over " + protocol.scheme()
                        + " (it serves " + uris.served() + "); choose another protocol or give a full URI"));
        return new Target(file.name(), uri, protocol);
    }

    /** Whether the inventory still holds {@code file}. */
    boolean exists(String file) {
        return inventory.get(file).isPresent();
    }

    static FotaException missing(String file) {
        return new FotaException(FotaException.Reason.NOT_FOUND, "no file named '" + file + "' in the inventory");
    }

    private static Target external(String target, FotaOptions options) throws FotaException {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw FotaException.badRequest("'" + target + "' is not a valid URI: " + e.getReason());
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw FotaException.badRequest("'" + target + "' is not a full URI with a scheme and a host");
        }
        if (options.delivery() == Delivery.PUSH) {
            throw FotaException.badRequest("delivery 'push' writes a file of the inventory to 5/"
                    + options.instance() + "/0; a URI can only be pulled");
        }
        // handed to the device as is: no epid, which only inventory downloads can report
        return new Target(null, target, DownloadProtocol.ofScheme(uri.getScheme()).orElse(null));
    }
}
