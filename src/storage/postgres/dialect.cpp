#include "storage/postgres/dialect.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace hx::storage::postgres {

namespace {

// --- Lexer ------------------------------------------------------------------------------------

enum class TokenKind { kSpace, kComment, kString, kQuoted, kWord, kNumber, kParam, kPunct };

struct Token {
    TokenKind kind;
    std::string text;
};

bool is_word_start(unsigned char c) {
    return std::isalpha(c) != 0 || c == '_' || c >= 0x80;
}

bool is_word_char(unsigned char c) {
    return is_word_start(c) || std::isdigit(c) != 0 || c == '$';
}

/// Splits SQL text into tokens whose texts, joined, give the text back unchanged.
std::vector<Token> tokenize(std::string_view sql) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    const auto take = [&](TokenKind kind, std::size_t end) {
        tokens.push_back({kind, std::string(sql.substr(i, end - i))});
        i = end;
    };
    while (i < sql.size()) {
        const auto c = static_cast<unsigned char>(sql[i]);
        std::size_t end = i + 1;
        if (std::isspace(c) != 0) {
            while (end < sql.size() && std::isspace(static_cast<unsigned char>(sql[end])) != 0) ++end;
            take(TokenKind::kSpace, end);
        } else if (c == '-' && end < sql.size() && sql[end] == '-') {
            while (end < sql.size() && sql[end] != '\n') ++end;
            take(TokenKind::kComment, end);
        } else if (c == '/' && end < sql.size() && sql[end] == '*') {
            const auto close = sql.find("*/", end + 1);
            take(TokenKind::kComment, close == std::string_view::npos ? sql.size() : close + 2);
        } else if (c == '\'' || c == '"' || c == '`') {
            // A quote inside is doubled; the token ends at the first single closing quote.
            while (end < sql.size()) {
                if (sql[end] == static_cast<char>(c)) {
                    if (end + 1 < sql.size() && sql[end + 1] == static_cast<char>(c)) {
                        end += 2;
                        continue;
                    }
                    ++end;
                    break;
                }
                ++end;
            }
            take(c == '\'' ? TokenKind::kString : TokenKind::kQuoted, end);
        } else if (is_word_start(c)) {
            while (end < sql.size() && is_word_char(static_cast<unsigned char>(sql[end]))) ++end;
            take(TokenKind::kWord, end);
        } else if (std::isdigit(c) != 0) {
            while (end < sql.size() &&
                   (std::isalnum(static_cast<unsigned char>(sql[end])) != 0 || sql[end] == '.')) {
                ++end;
            }
            take(TokenKind::kNumber, end);
        } else if (c == '?') {
            while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end])) != 0) ++end;
            take(TokenKind::kParam, end);
        } else {
            take(TokenKind::kPunct, end);
        }
    }
    return tokens;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool significant(const Token& token) {
    return token.kind != TokenKind::kSpace && token.kind != TokenKind::kComment;
}

bool is_word(const Token& token, std::string_view word) {
    return token.kind == TokenKind::kWord && upper(token.text) == word;
}

bool is_punct(const Token& token, char c) {
    return token.kind == TokenKind::kPunct && token.text.size() == 1 && token.text[0] == c;
}

/// The index of the next significant token at or after `i` (tokens.size() when none).
std::size_t next_significant(const std::vector<Token>& tokens, std::size_t i) {
    while (i < tokens.size() && !significant(tokens[i])) ++i;
    return i;
}

std::string join(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to && i < tokens.size(); ++i) out += tokens[i].text;
    return out;
}

std::string shorten(std::string_view text) {
    constexpr std::size_t kMax = 100;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
        text.remove_prefix(1);
    }
    return std::string(text.substr(0, kMax));
}

Error untranslatable(std::string_view what, std::string_view statement) {
    return Error::invalid("untranslatable_sql", "迁移语句无法转换为 PostgreSQL（" +
                                                    std::string(what) + "）：" + shorten(statement));
}

// --- Expressions ------------------------------------------------------------------------------

std::string unquote_string(std::string_view literal) {
    std::string out;
    for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
        out += literal[i];
        if (literal[i] == '\'') ++i;  // '' stands for one quote
    }
    return out;
}

std::string quote_string(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
        out += c;
        if (c == '\'') out += '\'';
    }
    return out + "'";
}

/// SQLite's GLOB (whole string, case-sensitive; `*`, `?`, `[…]`, `[^…]`) as a POSIX regex.
std::string glob_to_regex(std::string_view glob) {
    std::string regex = "^";
    for (std::size_t i = 0; i < glob.size(); ++i) {
        const char c = glob[i];
        if (c == '*') {
            regex += ".*";
        } else if (c == '?') {
            regex += '.';
        } else if (c == '[') {
            std::size_t j = i + 1;
            std::string set = "[";
            if (j < glob.size() && glob[j] == '^') set += glob[j++];
            if (j < glob.size() && glob[j] == ']') set += glob[j++];
            while (j < glob.size() && glob[j] != ']') {
                if (glob[j] == '\\') set += '\\';
                set += glob[j++];
            }
            if (j >= glob.size()) {  // no closing bracket: SQLite matches nothing special
                regex += "\\[";
                continue;
            }
            regex += set + "]";
            i = j;
        } else if (std::string_view(".^$+(){}|\\").find(c) != std::string_view::npos) {
            regex += '\\';
            regex += c;
        } else {
            regex += c;
        }
    }
    return regex + "$";
}

/// The expression rules over tokens [from, to), numbering bare `?` from `*next_param`.
std::string translate_tokens(const std::vector<Token>& tokens, std::size_t from, std::size_t to,
                             int* next_param) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        const Token& token = tokens[i];
        if (token.kind == TokenKind::kParam) {
            if (token.text.size() > 1) {
                out += "$" + token.text.substr(1);
                *next_param = std::max(*next_param, std::stoi(token.text.substr(1)) + 1);
            } else {
                out += "$" + std::to_string((*next_param)++);
            }
            continue;
        }
        if (token.kind == TokenKind::kWord) {
            const std::string word = upper(token.text);
            const std::size_t after = next_significant(tokens, i + 1);
            if (word == "INSTR" && after < to && is_punct(tokens[after], '(')) {
                out += "strpos";
                continue;
            }
            if (word == "LIKE") {
                // SQLite's LIKE ignores ASCII case; ILIKE does, and a pattern in the byte
                // collation also works on a case-insensitive (nondeterministic) column.
                out += "ILIKE";
                if (after < to && (tokens[after].kind == TokenKind::kParam ||
                                   tokens[after].kind == TokenKind::kString)) {
                    out += translate_tokens(tokens, i + 1, after + 1, next_param);
                    out += " COLLATE \"C\"";
                    i = after;
                }
                continue;
            }
            const bool not_glob = word == "NOT" && after < to && is_word(tokens[after], "GLOB");
            if (word == "GLOB" || not_glob) {
                const std::size_t glob = not_glob ? after : i;
                const std::size_t pattern = next_significant(tokens, glob + 1);
                if (pattern < to && tokens[pattern].kind == TokenKind::kString) {
                    out += not_glob ? "!~ " : "~ ";
                    out += quote_string(glob_to_regex(unquote_string(tokens[pattern].text)));
                    i = pattern;
                    continue;
                }
            }
        }
        if (is_punct(token, '=') && i + 1 < to && is_punct(tokens[i + 1], '=')) {
            continue;  // SQLite's == is =
        }
        out += token.text;
    }
    return out;
}

// --- Statements of a migration ----------------------------------------------------------------

struct Statement {
    std::vector<Token> tokens;  // without the closing semicolon
};

/// Splits a script at top-level semicolons; a CREATE TRIGGER runs to its END.
std::vector<Statement> split_statements(const std::vector<Token>& tokens) {
    std::vector<Statement> statements;
    Statement current;
    bool trigger = false;
    bool in_body = false;
    int case_depth = 0;
    std::vector<std::string> words;  // the first significant words of the current statement
    for (const Token& token : tokens) {
        if (significant(token) && token.kind == TokenKind::kWord) {
            const std::string word = upper(token.text);
            if (words.size() < 4) {
                words.push_back(word);
                if (word == "TRIGGER" && words.front() == "CREATE") trigger = true;
            }
            if (trigger && word == "BEGIN") in_body = true;
            if (in_body && word == "CASE") ++case_depth;
            if (in_body && word == "END") {
                if (case_depth > 0) {
                    --case_depth;
                } else {
                    in_body = false;
                }
            }
        }
        if (is_punct(token, ';') && !in_body) {
            statements.push_back(std::move(current));
            current = Statement{};
            trigger = false;
            words.clear();
            continue;
        }
        current.tokens.push_back(token);
    }
    statements.push_back(std::move(current));
    return statements;
}

bool is_constraint_word(const std::string& word) {
    return word == "CONSTRAINT" || word == "PRIMARY" || word == "NOT" || word == "NULL" ||
           word == "UNIQUE" || word == "CHECK" || word == "DEFAULT" || word == "COLLATE" ||
           word == "REFERENCES" || word == "GENERATED" || word == "AS";
}

/// One column definition `name type constraints…` with the type mapped by SQLite's affinity.
Result<std::string> translate_column(const std::vector<Token>& tokens, std::size_t from,
                                     std::size_t to, std::string_view statement) {
    int params = 1;
    std::size_t i = next_significant(tokens, from);
    if (i >= to) return fail(untranslatable("空的列定义", statement));
    std::string out = join(tokens, from, i) + tokens[i].text;  // leading space, the name
    ++i;
    // The declared type: words up to the first constraint word, with an optional (n[, m]).
    std::string type;
    std::size_t rest = i;
    for (std::size_t j = next_significant(tokens, i); j < to;
         j = next_significant(tokens, j + 1)) {
        if (tokens[j].kind == TokenKind::kWord && !is_constraint_word(upper(tokens[j].text))) {
            type += (type.empty() ? "" : " ") + upper(tokens[j].text);
            rest = j + 1;
            continue;
        }
        if (is_punct(tokens[j], '(') && !type.empty()) {
            while (j < to && !is_punct(tokens[j], ')')) ++j;
            rest = j + 1;
        }
        break;
    }
    // The constraints, without COLLATE NOCASE/BINARY and AUTOINCREMENT.
    bool nocase = false;
    bool primary_key = false;
    std::vector<Token> constraints;
    for (std::size_t j = rest; j < to; ++j) {
        if (is_word(tokens[j], "COLLATE")) {
            const std::size_t name = next_significant(tokens, j + 1);
            if (name < to && (is_word(tokens[name], "NOCASE") || is_word(tokens[name], "BINARY"))) {
                nocase = nocase || is_word(tokens[name], "NOCASE");
                j = name;
                continue;
            }
            return fail(untranslatable("不支持的排序规则", statement));
        }
        if (is_word(tokens[j], "AUTOINCREMENT")) continue;
        if (is_word(tokens[j], "PRIMARY")) primary_key = true;
        constraints.push_back(tokens[j]);
    }
    std::string pg_type;
    if (type.find("INT") != std::string::npos) {
        pg_type = type == "INTEGER" && primary_key ? "BIGINT GENERATED BY DEFAULT AS IDENTITY"
                                                   : "BIGINT";
    } else if (type.find("CHAR") != std::string::npos || type.find("CLOB") != std::string::npos ||
               type.find("TEXT") != std::string::npos) {
        pg_type = nocase ? "TEXT COLLATE hx_nocase" : "TEXT COLLATE \"C\"";
    } else if (type.find("BLOB") != std::string::npos) {
        pg_type = "BYTEA";
    } else if (type.empty()) {
        return fail(untranslatable("列没有声明类型", statement));
    } else if (type.find("REAL") != std::string::npos || type.find("FLOA") != std::string::npos ||
               type.find("DOUB") != std::string::npos) {
        pg_type = "DOUBLE PRECISION";
    } else {
        pg_type = "NUMERIC";
    }
    if (nocase && pg_type != "TEXT COLLATE hx_nocase") {
        return fail(untranslatable("COLLATE NOCASE 只能用于文本列", statement));
    }
    out += " " + pg_type + translate_tokens(constraints, 0, constraints.size(), &params);
    return out;
}

bool starts_table_constraint(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
    const std::size_t i = next_significant(tokens, from);
    if (i >= to || tokens[i].kind != TokenKind::kWord) return false;
    const std::string word = upper(tokens[i].text);
    return word == "CONSTRAINT" || word == "PRIMARY" || word == "UNIQUE" || word == "CHECK" ||
           word == "FOREIGN";
}

Result<std::string> translate_create_table(const std::vector<Token>& tokens,
                                           std::string_view statement) {
    int params = 1;
    std::size_t open = 0;
    while (open < tokens.size() && !is_punct(tokens[open], '(')) {
        if (is_word(tokens[open], "AS")) return translate_tokens(tokens, 0, tokens.size(), &params);
        ++open;
    }
    if (open >= tokens.size()) return fail(untranslatable("CREATE TABLE 缺少列定义", statement));
    std::string out = join(tokens, 0, open + 1);
    int depth = 0;
    std::size_t element = open + 1;
    std::size_t close = tokens.size();
    const auto flush = [&](std::size_t end) -> Status {
        if (starts_table_constraint(tokens, element, end)) {
            out += translate_tokens(tokens, element, end, &params);
        } else {
            ASSIGN_OR_RETURN(auto column, translate_column(tokens, element, end, statement));
            out += column;
        }
        return ok();
    };
    for (std::size_t i = open + 1; i < tokens.size(); ++i) {
        if (is_punct(tokens[i], '(')) ++depth;
        if (is_punct(tokens[i], ')')) {
            if (depth == 0) {
                RETURN_IF_ERROR(flush(i));
                close = i;
                break;
            }
            --depth;
        }
        if (is_punct(tokens[i], ',') && depth == 0) {
            RETURN_IF_ERROR(flush(i));
            out += ",";
            element = i + 1;
        }
    }
    if (close >= tokens.size()) return fail(untranslatable("括号不配对", statement));
    out += ")";
    // Table options: WITHOUT ROWID and STRICT mean nothing to PostgreSQL.
    for (std::size_t i = close + 1; i < tokens.size(); ++i) {
        if (!significant(tokens[i]) || is_punct(tokens[i], ',') || is_word(tokens[i], "WITHOUT") ||
            is_word(tokens[i], "ROWID") || is_word(tokens[i], "STRICT")) {
            if (tokens[i].kind == TokenKind::kComment) out += tokens[i].text;
            continue;
        }
        return fail(untranslatable("未知的表选项 " + tokens[i].text, statement));
    }
    return out;
}

Result<std::string> translate_alter_table(const std::vector<Token>& tokens,
                                          std::string_view statement) {
    int params = 1;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (!is_word(tokens[i], "ADD")) continue;
        std::size_t column = next_significant(tokens, i + 1);
        if (column < tokens.size() &&
            (is_word(tokens[column], "CONSTRAINT") || is_word(tokens[column], "PRIMARY") ||
             is_word(tokens[column], "UNIQUE") || is_word(tokens[column], "CHECK") ||
             is_word(tokens[column], "FOREIGN"))) {
            break;
        }
        if (column < tokens.size() && is_word(tokens[column], "COLUMN")) ++column;
        ASSIGN_OR_RETURN(auto definition, translate_column(tokens, column, tokens.size(), statement));
        return join(tokens, 0, column) + definition;
    }
    return translate_tokens(tokens, 0, tokens.size(), &params);
}

/// `CREATE TRIGGER name BEFORE|AFTER INSERT|UPDATE [OF cols]|DELETE ON table [FOR EACH ROW]
/// [WHEN cond] BEGIN statements END` → a PL/pgSQL trigger function and the trigger.
Result<std::string> translate_create_trigger(const std::vector<Token>& tokens,
                                             std::string_view statement) {
    std::vector<std::size_t> sig;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (significant(tokens[i])) sig.push_back(i);
    }
    std::size_t k = 0;
    const auto word_at = [&](std::size_t at) {
        return at < sig.size() ? upper(tokens[sig[at]].text) : std::string();
    };
    if (word_at(k) != "CREATE") return fail(untranslatable("触发器", statement));
    ++k;
    if (word_at(k) == "TEMP" || word_at(k) == "TEMPORARY") {
        return fail(untranslatable("临时触发器", statement));
    }
    ++k;  // TRIGGER
    bool if_not_exists = false;
    if (word_at(k) == "IF") {
        if_not_exists = true;
        k += 3;
    }
    const std::string name = tokens[sig.at(k++)].text;
    const std::string timing = word_at(k++);
    if (timing != "BEFORE" && timing != "AFTER") {
        return fail(untranslatable("只支持 BEFORE/AFTER 触发器", statement));
    }
    const std::string event = word_at(k++);
    std::string event_text = event;
    if (event == "UPDATE" && word_at(k) == "OF") {
        const std::size_t from = sig[k];
        while (k < sig.size() && word_at(k) != "ON") ++k;
        event_text += " " + join(tokens, from, sig[k]);
    }
    if (event != "INSERT" && event != "UPDATE" && event != "DELETE") {
        return fail(untranslatable("未知的触发事件", statement));
    }
    if (word_at(k++) != "ON") return fail(untranslatable("触发器缺少 ON", statement));
    const std::string table = tokens[sig.at(k++)].text;
    if (word_at(k) == "FOR") k += 3;  // FOR EACH ROW
    int params = 1;
    std::string condition = "TRUE";
    if (word_at(k) == "WHEN") {
        const std::size_t from = sig[k] + 1;
        while (k < sig.size() && word_at(k) != "BEGIN") ++k;
        if (k >= sig.size()) return fail(untranslatable("触发器缺少 BEGIN", statement));
        condition = "(" + translate_tokens(tokens, from, sig[k], &params) + ")";
    }
    if (word_at(k) != "BEGIN") return fail(untranslatable("触发器缺少 BEGIN", statement));
    const std::size_t body_from = sig[k] + 1;
    const std::size_t body_to = sig.back();  // the closing END
    if (word_at(sig.size() - 1) != "END") return fail(untranslatable("触发器缺少 END", statement));

    // The body's statements, split at top-level semicolons.
    std::string body;
    std::size_t from = body_from;
    int depth = 0;
    for (std::size_t i = body_from; i <= body_to; ++i) {
        if (i < body_to && is_punct(tokens[i], '(')) ++depth;
        if (i < body_to && is_punct(tokens[i], ')')) --depth;
        if (i < body_to && !(is_punct(tokens[i], ';') && depth == 0)) continue;
        const std::size_t first = next_significant(tokens, from);
        if (first >= i) {
            from = i + 1;
            continue;
        }
        const std::size_t second = next_significant(tokens, first + 1);
        if (is_word(tokens[first], "SELECT") && second < i && is_word(tokens[second], "RAISE")) {
            // SELECT RAISE(kind[, 'message']) [WHERE cond]
            std::size_t j = next_significant(tokens, second + 1);  // (
            const std::size_t kind_at = next_significant(tokens, j + 1);
            const std::string kind = upper(tokens[kind_at].text);
            std::string message;
            j = next_significant(tokens, kind_at + 1);
            if (is_punct(tokens[j], ',')) {
                const std::size_t literal = next_significant(tokens, j + 1);
                message = tokens[literal].text;
                j = next_significant(tokens, literal + 1);
            }
            if (!is_punct(tokens[j], ')')) return fail(untranslatable("RAISE 的参数", statement));
            std::string action;
            if (kind == "IGNORE") {
                action = "RETURN NULL;";
            } else if (kind == "ABORT" || kind == "FAIL" || kind == "ROLLBACK") {
                action = "RAISE EXCEPTION USING MESSAGE = " + message + ";";
            } else {
                return fail(untranslatable("未知的 RAISE 类型", statement));
            }
            const std::size_t tail = next_significant(tokens, j + 1);
            if (tail < i) {
                if (!is_word(tokens[tail], "WHERE")) {
                    return fail(untranslatable("SELECT RAISE 只能带 WHERE", statement));
                }
                action = "IF (" + translate_tokens(tokens, tail + 1, i, &params) + ") THEN " +
                         action + " END IF;";
            }
            body += "        " + action + "\n";
        } else if (is_word(tokens[first], "SELECT")) {
            body += "        PERFORM" + translate_tokens(tokens, first + 1, i, &params) + ";\n";
        } else {
            body += "        " + translate_tokens(tokens, first, i, &params) + ";\n";
        }
        from = i + 1;
    }
    const std::string function = "hx_trigger_" + name;
    const std::string returned =
        timing == "AFTER" ? "NULL" : (event == "DELETE" ? "OLD" : "NEW");
    const std::string create = if_not_exists ? "CREATE OR REPLACE" : "CREATE";
    return create + " FUNCTION " + function +
           "() RETURNS trigger LANGUAGE plpgsql AS $hx$\nBEGIN\n    IF " + condition +
           " THEN\n" + body + "    END IF;\n    RETURN " + returned + ";\nEND\n$hx$;\n" + create +
           " TRIGGER " + name + " " + timing + " " + event_text + " ON " + table +
           " FOR EACH ROW EXECUTE FUNCTION " + function + "()";
}

/// `DROP TRIGGER [IF EXISTS] name`: PostgreSQL wants the table, which SQLite's form does not
/// name, so the trigger is looked up in the current schema.
std::string translate_drop_trigger(const std::vector<Token>& tokens) {
    std::vector<std::string> words;
    for (const auto& token : tokens) {
        if (significant(token)) words.push_back(token.text);
    }
    const bool if_exists = words.size() > 3 && upper(words[2]) == "IF";
    const std::string name = words.back();
    const std::string missing =
        if_exists ? "NULL;" : "RAISE EXCEPTION 'no such trigger: %', " + quote_string(name) + ";";
    return "DO $hx$\nDECLARE target regclass;\nBEGIN\n"
           "    SELECT t.tgrelid::regclass INTO target FROM pg_trigger t\n"
           "      JOIN pg_class c ON c.oid = t.tgrelid\n"
           "     WHERE t.tgname = " + quote_string(name) +
           " AND NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace;\n"
           "    IF target IS NULL THEN " + missing + "\n"
           "    ELSE EXECUTE format('DROP TRIGGER %I ON %s', " + quote_string(name) +
           ", target);\n"
           "    END IF;\nEND\n$hx$;\nDROP FUNCTION IF EXISTS hx_trigger_" + name + "()";
}

}  // namespace

std::string translate_query(std::string_view sql, int* parameters) {
    const auto tokens = tokenize(sql);
    int params = 1;
    std::string translated = translate_tokens(tokens, 0, tokens.size(), &params);
    if (parameters != nullptr) *parameters = params - 1;
    return translated;
}

Result<std::string> translate_migration(std::string_view sql) {
    std::string out;
    for (const auto& statement : split_statements(tokenize(sql))) {
        const auto& tokens = statement.tokens;
        std::vector<std::string> words;
        for (const auto& token : tokens) {
            if (significant(token) && words.size() < 3) words.push_back(upper(token.text));
        }
        const std::string text = join(tokens, 0, tokens.size());
        if (words.empty()) {
            out += text;
            continue;
        }
        const bool create = words[0] == "CREATE";
        const std::string object = words.size() > 1 ? words[1] : std::string();
        const std::string object2 = words.size() > 2 ? words[2] : std::string();
        int params = 1;
        std::string translated;
        if (words[0] == "PRAGMA") {
            translated = "-- " + shorten(text) + " (SQLite only)";
            out += translated + "\n";
            continue;
        }
        if (create && (object == "TABLE" || ((object == "TEMP" || object == "TEMPORARY") &&
                                             object2 == "TABLE"))) {
            ASSIGN_OR_RETURN(translated, translate_create_table(tokens, text));
        } else if (create && (object == "TRIGGER" || object2 == "TRIGGER")) {
            ASSIGN_OR_RETURN(translated, translate_create_trigger(tokens, text));
            translated = join(tokens, 0, next_significant(tokens, 0)) + translated;
        } else if (words[0] == "DROP" && object == "TRIGGER") {
            translated = join(tokens, 0, next_significant(tokens, 0)) + translate_drop_trigger(tokens);
        } else if (words[0] == "ALTER" && object == "TABLE") {
            ASSIGN_OR_RETURN(translated, translate_alter_table(tokens, text));
        } else if (words[0] == "BEGIN" || words[0] == "COMMIT" || words[0] == "END" ||
                   words[0] == "ROLLBACK") {
            return fail(untranslatable("迁移不能自行控制事务", text));
        } else {
            translated = translate_tokens(tokens, 0, tokens.size(), &params);
        }
        out += translated + ";";
    }
    return out;
}

}  // namespace hx::storage::postgres
