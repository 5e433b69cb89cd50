package org.jvirt.rpc.proto.remote;

import org.jvirt.rpc.xdr.XdrException;
import org.jvirt.rpc.xdr.XdrReader;
import org.jvirt.rpc.xdr.XdrStruct;
import org.jvirt.rpc.xdr.XdrType;
import org.jvirt.rpc.xdr.XdrWriter;

/**
 * {@code remote_typed_param_value}: the one union of libvirt's protocol, discriminated by virTypedParameterType.
 * Written by hand (the generator maps the union to this type) because each arm deserves its own Java type.
 * An unknown discriminant does not decode, as with rpcgen's union without a default arm.
 */
public sealed interface RemoteTypedParamValue extends XdrStruct {

    XdrType<RemoteTypedParamValue> XDR = XdrType.struct(RemoteTypedParamValue.class, RemoteTypedParamValue::decode);

    /** VIR_TYPED_PARAM_INT .. VIR_TYPED_PARAM_STRING. */
    int TYPE_INT = 1;
    int TYPE_UINT = 2;
    int TYPE_LLONG = 3;
    int TYPE_ULLONG = 4;
    int TYPE_DOUBLE = 5;
    int TYPE_BOOLEAN = 6;
    int TYPE_STRING = 7;

    /** The discriminant: libvirt's virTypedParameterType. */
    int type();

    record IntValue(int value) implements RemoteTypedParamValue {
        public int type() {
            return TYPE_INT;
        }
    }

    /** An unsigned int; the 32 bits are kept in a Java int. */
    record UintValue(int value) implements RemoteTypedParamValue {
        public int type() {
            return TYPE_UINT;
        }
    }

    record LlongValue(long value) implements RemoteTypedParamValue {
        public int type() {
            return TYPE_LLONG;
        }
    }

    /** An unsigned long long; the 64 bits are kept in a Java long. */
    record UllongValue(long value) implements RemoteTypedParamValue {
        public int type() {
            return TYPE_ULLONG;
        }
    }

    record DoubleValue(double value) implements RemoteTypedParamValue {
        public int type() {
            return TYPE_DOUBLE;
        }
    }

    /** libvirt sends booleans as a 4-byte int; any non-zero value is true, true is sent as 1. */
    record BooleanValue(boolean value) implements RemoteTypedParamValue {
        public int type() {
            return TYPE_BOOLEAN;
        }
    }

    record StringValue(String value) implements RemoteTypedParamValue {
        public int type() {
            return TYPE_STRING;
        }
    }

    @Override
    default void encode(XdrWriter w) {
        w.writeInt(type());
        switch (this) {
            case IntValue v -> w.writeInt(v.value());
            case UintValue v -> w.writeUnsignedInt(v.value());
            case LlongValue v -> w.writeHyper(v.value());
            case UllongValue v -> w.writeUnsignedHyper(v.value());
            case DoubleValue v -> w.writeDouble(v.value());
            case BooleanValue v -> w.writeInt(v.value() ? 1 : 0);
            case StringValue v -> w.writeString(v.value(), RemoteConstants.REMOTE_STRING_MAX);
        }
    }

    static RemoteTypedParamValue decode(XdrReader r) {
        int type = r.readInt();
        return switch (type) {
            case TYPE_INT -> new IntValue(r.readInt());
            case TYPE_UINT -> new UintValue(r.readUnsignedInt());
            case TYPE_LLONG -> new LlongValue(r.readHyper());
            case TYPE_ULLONG -> new UllongValue(r.readUnsignedHyper());
            case TYPE_DOUBLE -> new DoubleValue(r.readDouble());
            case TYPE_BOOLEAN -> new BooleanValue(r.readInt() != 0);
            case TYPE_STRING -> new StringValue(r.readString(RemoteConstants.REMOTE_STRING_MAX));
            default -> throw XdrException.decode("unknown typed parameter type " + type);
        };
    }
}
