package io.wanlab.bench.lab.cli;

import io.wanlab.core.link.LinkTransport;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --link-transport tcp|udp}, as status and the node command line spell them. */
public final class LinkTransportConverter implements ITypeConverter<LinkTransport> {
    @Override
    public LinkTransport convert(String value) {
        try {
            return LinkTransport.fromLabel(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
