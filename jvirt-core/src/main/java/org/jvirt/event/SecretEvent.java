package org.jvirt.event;

/** What happened to a secret. Never carries the secret's value. */
public sealed interface SecretEvent {

    SecretEventId id();

    record Lifecycle(SecretEventType type, int detail) implements SecretEvent {
        public SecretEventId id() {
            return SecretEventId.LIFECYCLE;
        }
    }

    record ValueChanged() implements SecretEvent {
        public SecretEventId id() {
            return SecretEventId.VALUE_CHANGED;
        }
    }
}
