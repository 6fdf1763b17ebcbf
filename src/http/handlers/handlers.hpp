#pragma once
/// Every handler the route table names, grouped by resource (one .cpp each).
#include "http/context.hpp"

namespace hx::http::handlers {

// health.cpp
Response healthz(const Request&, Context&);
Response metrics(const Request&, Context&);
Response openapi(const Request&, Context&);

// session.cpp
Response sign_in(const Request&, Context&);
Response sign_out(const Request&, Context&);
Response me(const Request&, Context&);

// users.cpp
Response create_user(const Request&, Context&);
Response list_users(const Request&, Context&);
Response get_user(const Request&, Context&);
Response disable_user(const Request&, Context&);
Response enable_user(const Request&, Context&);
Response reset_password(const Request&, Context&);
Response unlock_user(const Request&, Context&);
Response set_user_email(const Request&, Context&);
Response get_security_policy(const Request&, Context&);
Response put_security_policy(const Request&, Context&);

// regions.cpp
Response list_districts(const Request&, Context&);
Response search_regions(const Request&, Context&);
Response get_region(const Request&, Context&);
Response get_community(const Request&, Context&);
Response put_pilot(const Request&, Context&);

// standards.cpp
Response list_standards(const Request&, Context&);
Response get_standard(const Request&, Context&);
Response standard_revisions(const Request&, Context&);
Response standard_workbook(const Request&, Context&);
Response simulate_standard(const Request&, Context&);
Response import_standard(const Request&, Context&);
Response evaluate_rating(const Request&, Context&);
Response public_standards(const Request&, Context&);
Response public_standard(const Request&, Context&);

// workflow.cpp
Response todo(const Request&, Context&);
Response create_round(const Request&, Context&);
Response list_rounds(const Request&, Context&);
Response get_round(const Request&, Context&);
Response open_round(const Request&, Context&);
Response create_application(const Request&, Context&);
Response list_applications(const Request&, Context&);
Response get_application(const Request&, Context&);
Response put_assessment(const Request&, Context&);
Response upload_evidence(const Request&, Context&);
Response download_evidence(const Request&, Context&);
Response submit_application(const Request&, Context&);
Response withdraw_application(const Request&, Context&);
Response street_review(const Request&, Context&);
Response district_review(const Request&, Context&);
Response district_return(const Request&, Context&);
Response recommend_application(const Request&, Context&);
Response assign_evaluator(const Request&, Context&);
Response submit_evaluation(const Request&, Context&);
Response decide_application(const Request&, Context&);

// audit.cpp
Response list_audit(const Request&, Context&);
Response export_audit(const Request&, Context&);

// system.cpp
Response put_clock(const Request&, Context&);
Response get_clock(const Request&, Context&);

// pages.cpp
Response public_home(const Request&, Context&);
Response console(const Request&, Context&);
Response console_redirect(const Request&, Context&);

// workflow.cpp — the recommendation packages (第十四条2 一式三份)
Response list_recommendations(const Request&, Context&);
Response receive_recommendation(const Request&, Context&);

// documents.cpp — the application form and a district's recommendation list (第十四条2)
Response application_form_pdf(const Request&, Context&);
Response recommendation_list_pdf(const Request&, Context&);
Response recommendation_list_xlsx(const Request&, Context&);

// notifications.cpp — the caller's own reminders
Response list_notifications(const Request&, Context&);
Response read_notification(const Request&, Context&);
Response read_all_notifications(const Request&, Context&);

// notice.cpp — the notice, comments, spot checks, finalize; certifications and sanctions
Response publish_notice(const Request&, Context&);
Response public_notice_json(const Request&, Context&);
Response public_notices_json(const Request&, Context&);
Response send_phone_code(const Request&, Context&);
Response post_comment(const Request&, Context&);
Response list_comments(const Request&, Context&);
Response moderate_comment(const Request&, Context&);
Response dispose_comment(const Request&, Context&);
Response commit_spot_checks(const Request&, Context&);
Response draw_spot_checks(const Request&, Context&);
Response list_spot_checks(const Request&, Context&);
Response record_spot_check(const Request&, Context&);
Response upload_spot_check_photo(const Request&, Context&);
Response list_spot_check_photos(const Request&, Context&);
Response download_spot_check_photo(const Request&, Context&);
Response finalize_round(const Request&, Context&);
Response verify_json(const Request&, Context&);
Response public_keys(const Request&, Context&);
Response public_certifications(const Request&, Context&);
Response add_sanction(const Request&, Context&);

// supervision.cpp — daily management after naming (第十八–二十条)
Response set_report_deadline(const Request&, Context&);
Response list_annual_reports(const Request&, Context&);
Response get_my_report(const Request&, Context&);
Response put_my_report(const Request&, Context&);
Response submit_my_report(const Request&, Context&);
Response upload_report_attachment(const Request&, Context&);
Response review_annual_report(const Request&, Context&);
Response download_report_attachment(const Request&, Context&);
Response file_rectification(const Request&, Context&);
Response upload_rectification_attachment(const Request&, Context&);
Response download_rectification_attachment(const Request&, Context&);
Response review_rectification(const Request&, Context&);
Response list_rectifications(const Request&, Context&);
Response get_sanction_policy(const Request&, Context&);
Response put_sanction_policy(const Request&, Context&);
Response commit_annual_check(const Request&, Context&);
Response draw_annual_check(const Request&, Context&);
Response list_annual_check(const Request&, Context&);
Response record_annual_check(const Request&, Context&);
Response publish_annual_check(const Request&, Context&);
Response public_annual_check_json(const Request&, Context&);
Response public_annual_checks_json(const Request&, Context&);
Response public_annual_check_page(const Request&, Context&);

// public_pages.cpp — the public site of 第十四条3 and 第十五条
Response public_notices_page(const Request&, Context&);
Response public_notice_page(const Request&, Context&);
Response public_notice_phone_code(const Request&, Context&);
Response public_notice_comment(const Request&, Context&);
Response public_notices_atom(const Request&, Context&);
Response public_notice_embed(const Request&, Context&);
Response public_verify_page(const Request&, Context&);
Response public_gallery_page(const Request&, Context&);
Response public_community_page(const Request&, Context&);
Response public_badge(const Request&, Context&);
Response public_plaque(const Request&, Context&);
Response public_commendation_pdf(const Request&, Context&);
Response public_bulletin_pdf(const Request&, Context&);

// stats.cpp — coverage, the next round, plans, statistics and open data (第二条, 第十条, 第十四条4)
Response stats_coverage(const Request&, Context&);
Response stats_next_round(const Request&, Context&);
Response stats_summary(const Request&, Context&);
Response stats_funnel(const Request&, Context&);
Response stats_indicators(const Request&, Context&);
Response list_plans(const Request&, Context&);
Response put_plan(const Request&, Context&);
Response put_plan_target(const Request&, Context&);
Response open_data_json(const Request&, Context&);
Response open_data_csv(const Request&, Context&);

}  // namespace hx::http::handlers
