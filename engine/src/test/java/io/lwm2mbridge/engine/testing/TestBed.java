package io.lwm2mbridge.engine.testing;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link TestServer} and the {@link TestDevice}s a test starts against it, closed after the test: devices
 * first (they deregister while the server still listens), then the server. Register it on an instance field for
 * a server per test, or on a static field (or an instance field of a {@code @TestInstance(PER_CLASS)} class) for
 * one server per class:
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestBed bed = new TestBed();
 * ...
 * TestDevice d = bed.start(TestDevice.named("meter-1")).awaitRegistered();
 * bed.server().createTrigger(...);
 * }</pre>
 *
 * The extension's start runs before the class's own {@code @BeforeEach} ({@code @BeforeAll}) methods, so they
 * can use the server.
 */
public final class TestBed implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final List<TestDevice> devices = new ArrayList<>();
    private TestServer server;
    private boolean perClass;

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        server = TestServer.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            server = TestServer.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** The running server. */
    public TestServer server() {
        if (server == null) {
            throw new IllegalStateException("the server starts with the test: register TestBed with @RegisterExtension");
        }
        return server;
    }

    /** Starts the device against the server's plain CoAP endpoint; it is closed after the test. */
    public TestDevice start(TestDevice.Builder device) {
        return track(device.start(server().coapUri()));
    }

    /** Closes {@code device} after the test, for devices started another way (DTLS, bootstrap). */
    public TestDevice track(TestDevice device) {
        devices.add(device);
        return device;
    }

    private void close() {
        for (int i = devices.size() - 1; i >= 0; i--) {
            devices.get(i).close();
        }
        devices.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
