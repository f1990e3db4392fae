package dev.rvqlm.spark.encode;

import java.io.Serializable;

/**
 * One audio file to encode.
 *
 * @param index     its place in the listing (the manifest's order)
 * @param uri       where executors read it (qualified on the driver)
 * @param source    the file as the user named it, recorded in the manifest exactly as a local encode records it
 * @param tokenName the token file it becomes, relative to the token directory
 */
public record AudioFile(int index, String uri, String source, String tokenName) implements Serializable {}
