package org.dartboard.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets picocli read seeds with {@link SeedParser}. */
final class SeedConverter implements ITypeConverter<Long> {

    @Override
    public Long convert(String text) {
        try {
            return SeedParser.parse(text);
        } catch (IllegalArgumentException malformed) {
            throw new TypeConversionException(malformed.getMessage());
        }
    }
}
