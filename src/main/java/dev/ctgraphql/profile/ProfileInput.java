package dev.ctgraphql.profile;

import java.time.LocalDate;

import jakarta.json.JsonValue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

/** One profile to create or update. */
@Input("ProfileInput")
@Description("A profile to create or update, identified by one of identity, objectId, fbid or gpid. Fields left out are "
        + "left unchanged.")
public record ProfileInput(
        @Description("Your identity for the user (creates the profile when unknown).") String identity,
        @Id @Description("CleverTap's id of the user's device.") String objectId,
        @Description("Full name.") String name,
        @Description("Email address.") String email,
        @Description("Phone number with country code, e.g. +14155551234.") String phone,
        @Description("Gender.") Gender gender,
        @Description("Date of birth.") LocalDate dateOfBirth,
        @Description("Whether the user may get email (CleverTap's MSG-email).") Boolean emailOptIn,
        @Description("Whether the user may get push notifications (MSG-push).") Boolean pushOptIn,
        @Description("Whether the user may get SMS (MSG-sms).") Boolean smsOptIn,
        @Description("Whether the user may get WhatsApp messages (MSG-whatsapp).") Boolean whatsappOptIn,
        @Description("Custom properties (at most 256 keys of up to 120 characters; strings up to 512 bytes).") JsonValue properties,
        @Description("The user's Facebook id, instead of identity or objectId.") String fbid,
        @Description("The user's Google Plus id, instead of identity or objectId.") String gpid) {
}
