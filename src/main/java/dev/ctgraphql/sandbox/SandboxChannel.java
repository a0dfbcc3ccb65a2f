package dev.ctgraphql.sandbox;

import java.util.List;

/** Campaign channels, with their names in Create/Get Campaigns ({@code target_mode}) and in Message Reports. */
enum SandboxChannel {
    PUSH("push", "push", "Push", List.of("android", "ios"), 0.55, 0.08), WEBPUSH("webpush", "browser", "Browser",
            List.of("web"), 0.40, 0.05), EMAIL("email", "email", "Email", List.of(), 0.30, 0.05), SMS("sms", "sms", "SMS",
                    List.of(), 0.0, 0.03), WHATSAPP("whatsapp", "whatsapp", "WhatsApp", List.of(), 0.70, 0.10), WEBHOOK(
                            "webhook", "webhooks", "Webhooks", List.of(), 0.0,
                            0.0), INAPP(null, "inapp", "InApp", List.of("android", "ios"), 0.95, 0.12);

    /** {@code target_mode} of Create/Get Campaigns; null when CleverTap cannot create it through the API. */
    final String targetMode;
    /** The value of Message Reports' {@code channel[]} filter. */
    final String reportFilter;
    /** The value of Message Reports' {@code channel} field. */
    final String reportName;
    final List<String> devices;
    final double viewRate;
    final double clickRate;

    SandboxChannel(String targetMode, String reportFilter, String reportName, List<String> devices, double viewRate,
            double clickRate) {
        this.targetMode = targetMode;
        this.reportFilter = reportFilter;
        this.reportName = reportName;
        this.devices = devices;
        this.viewRate = viewRate;
        this.clickRate = clickRate;
    }

    /** The channel of a {@code target_mode}; null when unknown. */
    static SandboxChannel ofTargetMode(String targetMode) {
        if ("notificationinbox".equals(targetMode)) {
            return INAPP;
        }
        for (SandboxChannel channel : values()) {
            if (channel.targetMode != null && channel.targetMode.equals(targetMode)) {
                return channel;
            }
        }
        return null;
    }

    /** Whether a profile can be reached on this channel (device, address and opt-in). */
    boolean reaches(SandboxProfile profile) {
        return switch (this) {
            case PUSH, INAPP -> optedIn(profile, "MSG-push") && profile.devices.stream().anyMatch(SandboxDevice::mobile);
            case WEBPUSH -> optedIn(profile, "MSG-push") && profile.devices.stream().anyMatch(d -> "Web".equals(d.platform));
            case EMAIL -> profile.email != null && optedIn(profile, "MSG-email");
            case SMS -> profile.phone != null && optedIn(profile, "MSG-sms");
            case WHATSAPP -> profile.phone != null && optedIn(profile, "MSG-whatsapp");
            case WEBHOOK -> true;
        };
    }

    private static boolean optedIn(SandboxProfile profile, String key) {
        return !profile.profileData.path(key).isBoolean() || profile.profileData.path(key).booleanValue();
    }
}
