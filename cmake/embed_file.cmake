# Writes a C++ file defining `const char* const NAME` with the contents of IN (add_custom_command).
file(READ ${IN} content)
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\nnamespace hx::http {\nextern const char* const ${NAME};\nconst char* const ${NAME} = R\"HXEMBED(${content})HXEMBED\";\n}  // namespace hx::http\n")
