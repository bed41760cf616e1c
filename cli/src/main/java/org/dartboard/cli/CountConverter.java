package org.dartboard.cli;

import java.math.BigInteger;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Lets picocli read counts with {@link CountParser}, so a bad count is a usage error naming the option. */
final class CountConverter implements ITypeConverter<BigInteger> {

    @Override
    public BigInteger convert(String text) {
        try {
            return CountParser.parse(text);
        } catch (IllegalArgumentException malformed) {
            throw new TypeConversionException(malformed.getMessage());
        }
    }
}
