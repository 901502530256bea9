package io.lwm2mbridge.objects.catalog;

/** The built-in catalog is missing or cannot be read; the message says where and what to do. */
public final class CatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
