/*
 * Python manifests for the Python family (struct sf_family's
 * read_manifest).
 */
#ifndef SF_PY_MANIFEST_H
#define SF_PY_MANIFEST_H

#include <stdint.h>

struct index_manifest;

/* Reads the dependency names of a requirements.txt, pyproject.toml
 * (PEP 621 `dependencies`, Poetry's table), setup.py (`install_requires`)
 * or setup.cfg into m, by base name. Never fails. */
int py_read_manifest(struct index_manifest *m, const char *base,
		     const char *text, uint32_t len, char **cause);

#endif
