package io.facefleet.common.pack;

/** The order in which a model expects the colour planes of its input tensor. */
public enum ChannelOrder {
    RGB,
    BGR
}
