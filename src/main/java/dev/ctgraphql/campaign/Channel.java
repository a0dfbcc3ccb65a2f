package dev.ctgraphql.campaign;

import java.util.Locale;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/** Messaging channels, with CleverTap's names for them in campaigns and in message reports. */
@Enum("Channel")
@Description("A messaging channel.")
public enum Channel {
    @Description("Mobile push notifications.")
    PUSH("push", "push"), @Description("Browser (web) push notifications.")
    WEBPUSH("webpush", "browser"), @Description("Email.")
    EMAIL("email", "email"), @Description("SMS text messages.")
    SMS("sms", "sms"), @Description("WhatsApp messages.")
    WHATSAPP("whatsapp", "whatsapp"), @Description("In-app messages.")
    INAPP(null, "inapp"), @Description("Webhook calls to your endpoint.")
    WEBHOOK("webhook", "webhooks"), @Description("App inbox messages.")
    NOTIFICATION_INBOX("notificationinbox", null), @Description("Web pop-ups.")
    WEB_POPUP(null, "web_pop_up"), @Description("Web exit-intent pop-ups.")
    WEB_EXIT_INTENT(null, "web_exit_intent"), @Description("Web native display.")
    WEB_NATIVE_DISPLAY(null, "web_native_display"), @Description("Web inbox messages.")
    WEB_INBOX(null, "web_inbox"), @Description("Audience exports to ad networks (message reports only).")
    AUDIENCES(null, "audiences");

    private final String targetMode;
    private final String reportChannel;

    Channel(String targetMode, String reportChannel) {
        this.targetMode = targetMode;
        this.reportChannel = reportChannel;
    }

    /** CleverTap's {@code target_mode} for creating campaigns, or null when the API cannot create this kind. */
    String targetMode() {
        return targetMode;
    }

    /** CleverTap's {@code channel} value in message reports, or null when reports have none for it. */
    String reportChannel() {
        return reportChannel;
    }

    /** Reads a channel as CleverTap spells it in lists and reports ("Push", "Browser", "webpush" ...); null if unknown. */
    static Channel parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace("-", "").replace("_", "");
        for (Channel channel : values()) {
            if ((channel.targetMode != null && channel.targetMode.replace("_", "").equals(v))
                    || (channel.reportChannel != null && channel.reportChannel.replace("_", "").equals(v))
                    || channel.name().replace("_", "").toLowerCase(Locale.ROOT).equals(v)) {
                return channel;
            }
        }
        return switch (v) {
            case "web", "webpushnotification" -> WEBPUSH;
            case "whatsappmessage" -> WHATSAPP;
            case "appinbox", "inbox" -> NOTIFICATION_INBOX;
            default -> null;
        };
    }
}
