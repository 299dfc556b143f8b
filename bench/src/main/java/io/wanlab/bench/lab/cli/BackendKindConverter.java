package io.wanlab.bench.lab.cli;

import io.wanlab.bench.lab.BackendKind;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --backend namespaces|docker}, as the state file spells them. */
public final class BackendKindConverter implements ITypeConverter<BackendKind> {
    @Override
    public BackendKind convert(String value) {
        try {
            return BackendKind.fromLabel(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
