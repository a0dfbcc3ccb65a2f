package dev.ctgraphql.sandbox;

/** One device (CleverTap ID) of a profile; mutated only under the store's write lock. */
final class SandboxDevice {

    final String objectId;
    String platform;
    String osVersion;
    String appVersion;
    String make;
    String model;
    String browser;
    String pushToken;
    String tokenType;
    long lastSeen;

    SandboxDevice(String objectId) {
        this.objectId = objectId;
    }

    boolean mobile() {
        return "Android".equals(platform) || "iOS".equals(platform);
    }
}
