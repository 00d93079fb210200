"""Terminologies: the medkg vocabulary, namespaces and IRIs, the lexicon and the linker."""
