#pragma once
/// The one place where error codes become HTTP statuses and problem+json bodies.
#include "core/error.hpp"
#include "http/request.hpp"

namespace hx::http {

unsigned status_of(ErrorCode code);
/// `{type,title,status,detail,code,errors:[{field,message}],request_id}`; internal errors show
/// a generic sentence and the request id only (the detail goes to the log).
Response problem(const Error& error, const std::string& request_id);
Response problem(unsigned status, const std::string& code, const std::string& detail,
                 const std::string& request_id);

}  // namespace hx::http
