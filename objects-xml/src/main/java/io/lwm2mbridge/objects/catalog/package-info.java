/**
 * The built-in object catalog: the facts (ids, versions, names, resources, types, operations, units;
 * no description texts) of every object version the OMA LwM2M registry publishes, generated into a
 * compact text resource by {@link io.lwm2mbridge.objects.catalog.CatalogWriter} and read at start by
 * {@link io.lwm2mbridge.objects.catalog.BuiltInCatalog}, so the server knows them with no setup and
 * without the registry at run time.
 */
package io.lwm2mbridge.objects.catalog;
