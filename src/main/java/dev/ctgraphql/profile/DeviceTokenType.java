package dev.ctgraphql.profile;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Push token kinds CleverTap accepts through the API. */
@Enum("DeviceTokenType")
@Description("Push token kind: FCM (Android), APNS (iOS) or the legacy GCM.")
public enum DeviceTokenType {
    @Description("Firebase Cloud Messaging (Android).")
    FCM, @Description("Apple Push Notification service (iOS).")
    APNS, @Description("Google Cloud Messaging, the legacy Android service.")
    GCM;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
