package io.wanlab.bench.lab.cli;

import io.wanlab.core.topo.LabNames;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --name} and {@code --lab}: a lab name, refused with the expected form before anything runs. */
public final class LabNameConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
        String problem = LabNames.labNameProblem(value);
        if (problem != null) {
            throw new TypeConversionException(problem);
        }
        return value;
    }
}
