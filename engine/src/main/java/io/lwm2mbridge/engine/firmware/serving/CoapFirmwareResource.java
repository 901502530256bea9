package io.lwm2mbridge.engine.firmware.serving;

import io.lwm2mbridge.inventory.BlockReader;
import io.lwm2mbridge.inventory.DownloadTracker;
import io.lwm2mbridge.inventory.FirmwareFile;
import io.lwm2mbridge.inventory.FirmwareInventory;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /fw/<download id>/<name>} on the LwM2M server's own CoAP (and CoAPS) endpoints: inventory files,
 * one Block2 block per request (RFC 7959), read from disk for that block only, so a download never holds
 * the file in memory. Block 0 of a URI carrying {@code epid} tells the {@link DownloadTracker} that the
 * device started. Hidden from {@code /.well-known/core}, and every path below {@code fw} lands here, so an
 * unknown id is a plain 4.04 with nothing to list.
 *
 * <p>Californium calls {@link #handleGET} on its server executor; a block read is one positioned file read.
 */
public final class CoapFirmwareResource extends CoapResource {

    private static final Logger LOG = LoggerFactory.getLogger(CoapFirmwareResource.class);

    private final FirmwareInventory inventory;
    private final BlockReader blocks;
    private final DownloadTracker tracker;
    private final Clock clock;

    public CoapFirmwareResource(FirmwareInventory inventory, DownloadTracker tracker, Clock clock) {
        super("fw", false);
        this.inventory = inventory;
        this.blocks = new BlockReader(inventory);
        this.tracker = tracker;
        this.clock = clock;
    }

    @Override
    public Resource getChild(String name) {
        // the id and name are path segments of one download, not resources of their own
        return this;
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        Optional<FirmwareFile> file = path.size() == 3 ? inventory.byDownloadId(path.get(1)) : Optional.empty();
        if (file.isEmpty() || !file.get().name().equals(path.get(2))) {
            exchange.respond(ResponseCode.NOT_FOUND);
            return;
        }
        BlockOption asked = exchange.getRequestOptions().getBlock2();
        int preferred = preferredSzx(exchange);
        int szx = asked == null ? preferred : Math.min(asked.getSzx(), preferred);
        // a client asking for bigger blocks than we send numbers them in its size: convert the offset
        long offset = asked == null ? 0 : (long) asked.getNum() * BlockReader.blockSize(asked.getSzx());
        int num = (int) (offset / BlockReader.blockSize(szx));
        BlockReader.Block block;
        try {
            block = blocks.block(file.get().name(), num, szx);
        } catch (NoSuchFileException e) {
            exchange.respond(ResponseCode.NOT_FOUND);
            return;
        } catch (IllegalArgumentException e) {
            exchange.respond(ResponseCode.BAD_OPTION, e.getMessage());
            return;
        } catch (IOException e) {
            LOG.warn("serving block {} of {} failed", num, file.get().name(), e);
            exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR);
            return;
        }
        Optional<String> epid = DownloadTracker.epidFromUriQueries(exchange.getRequestOptions().getUriQuery());
        if (epid.isPresent()) {
            String endpoint = epid.get();
            if (num == 0) {
                tracker.recordDownloadStart(file.get().downloadId(), endpoint, clock.instant());
            }
            long servedUpTo = (long) num * BlockReader.blockSize(szx) + block.payload().length;
            tracker.recordDownloadProgress(file.get().downloadId(), endpoint, servedUpTo);
        }
        Response response = new Response(ResponseCode.CONTENT);
        response.setPayload(block.payload());
        response.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_OCTET_STREAM);
        response.getOptions().setBlock2(szx, block.more(), num);
        // an ETag from the content hash lets a client notice that the file was replaced mid-download
        response.getOptions().addETag(HexFormat.of().parseHex(file.get().sha256().substring(0, 16)));
        if (num == 0) {
            response.getOptions().setSize2((int) Math.min(Integer.MAX_VALUE, file.get().size()));
        }
        exchange.respond(response);
    }

    /** The endpoint's preferred block size, so Californium's own block-wise layer leaves our blocks alone. */
    private static int preferredSzx(CoapExchange exchange) {
        Endpoint endpoint = exchange.advanced().getEndpoint();
        int size = endpoint == null ? 512 : endpoint.getConfig().get(CoapConfig.PREFERRED_BLOCK_SIZE);
        return Math.min(BlockReader.MAX_SZX, BlockOption.size2Szx(size));
    }
}
