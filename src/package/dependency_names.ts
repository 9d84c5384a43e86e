/**
 * The names a package must not take because the packages it runs with already own them:
 * the distributions installed with OpenAlchemy and the top-level modules they import.
 *
 * Facts, gathered by hand (not generated):
 * - OpenAlchemy 2.5's own requirements (its `pyproject.toml`): SQLAlchemy, Jinja2,
 *   jsonschema, sqlalchemy-stubs, typing_extensions; the extras PyYAML (`init_yaml`) and
 *   wheel.
 * - The top-level modules loaded when OpenAlchemy builds a package's models (`import
 *   open_alchemy`, `init_json`, `init_yaml`, SQLAlchemy's ORM), measured on OpenAlchemy 2.5
 *   with SQLAlchemy 2.0 and jsonschema 4 by comparing `sys.modules` with
 *   `sys.stdlib_module_names`: attr, attrs, greenlet, jinja2, jsonschema,
 *   jsonschema_specifications, markupsafe, open_alchemy, referencing, rpds, sqlalchemy,
 *   typing_extensions, yaml (OpenAlchemy's build module imports setuptools too).
 * - What the versions OpenAlchemy 2.5 pins install instead (jsonschema 3.2 requires attrs,
 *   pyrsistent, setuptools and six; sqlalchemy-stubs brings the module `sqlmypy`).
 * - The tools that build and install the package: pip, and setuptools (the sdist's build
 *   backend; also `pkg_resources` and `_distutils_hack`).
 *
 * @module
 */

/** One distribution the package runs or is installed with. */
export interface DependencyName {
  /** The distribution's name as its project spells it. */
  readonly distribution: string;
  /** The top-level modules it installs. */
  readonly modules: readonly string[];
  /** Why it is installed beside our packages. */
  readonly why: string;
}

/** Every distribution installed with our packages, with the modules it owns. */
export const DEPENDENCY_NAMES: readonly DependencyName[] = [
  { distribution: "OpenAlchemy", modules: ["open_alchemy"], why: "the package's requirement" },
  { distribution: "SQLAlchemy", modules: ["sqlalchemy"], why: "required by OpenAlchemy" },
  { distribution: "Jinja2", modules: ["jinja2"], why: "required by OpenAlchemy" },
  { distribution: "MarkupSafe", modules: ["markupsafe"], why: "required by Jinja2" },
  { distribution: "jsonschema", modules: ["jsonschema"], why: "required by OpenAlchemy" },
  { distribution: "attrs", modules: ["attr", "attrs"], why: "required by jsonschema" },
  {
    distribution: "pyrsistent",
    modules: ["pyrsistent", "_pyrsistent_version", "pvectorc"],
    why: "required by jsonschema 3",
  },
  { distribution: "six", modules: ["six"], why: "required by jsonschema 3" },
  { distribution: "referencing", modules: ["referencing"], why: "required by jsonschema 4" },
  {
    distribution: "jsonschema-specifications",
    modules: ["jsonschema_specifications"],
    why: "required by jsonschema 4",
  },
  { distribution: "rpds-py", modules: ["rpds"], why: "required by jsonschema 4" },
  { distribution: "greenlet", modules: ["greenlet"], why: "required by SQLAlchemy" },
  {
    distribution: "typing_extensions",
    modules: ["typing_extensions"],
    why: "required by SQLAlchemy and OpenAlchemy",
  },
  { distribution: "sqlalchemy-stubs", modules: ["sqlmypy"], why: "required by OpenAlchemy" },
  { distribution: "PyYAML", modules: ["yaml", "_yaml"], why: "OpenAlchemy's yaml extra" },
  { distribution: "wheel", modules: ["wheel"], why: "OpenAlchemy's wheel extra" },
  {
    distribution: "setuptools",
    modules: ["setuptools", "pkg_resources", "_distutils_hack"],
    why: "the sdist's build backend, required by jsonschema 3",
  },
  { distribution: "pip", modules: ["pip"], why: "the installer" },
];
