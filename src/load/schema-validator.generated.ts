// @ts-nocheck
/* Generated from schema/schemadiff.schema.json by src/load/validator-source.ts: do not edit.
   Regenerate: UPDATE_VALIDATOR=1 npx vitest run test/load/validator.test.ts */
"use strict";
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","title":"schemadiff schema","description":"A declarative SQLite schema for schemadiff. See docs/FORMAT.md.","type":"object","additionalProperties":false,"patternProperties":{"^x-":{"description":"Free for your own use, e.g. to hold YAML anchors (&name) shared by several columns; ignored by schemadiff."}},"properties":{"tables":{"description":"Ordinary tables, by name.","type":["object","null"],"additionalProperties":{"$ref":"#/definitions/table"}},"views":{"description":"Views, by name: a SELECT statement, or { columns, sql }.","type":["object","null"],"additionalProperties":{"$ref":"#/definitions/view"}},"triggers":{"description":"Triggers, by name.","type":["object","null"],"additionalProperties":{"$ref":"#/definitions/trigger"}},"virtual_tables":{"description":"Virtual tables (FTS5, R*Tree, ...), by name: the complete CREATE VIRTUAL TABLE statement.","type":["object","null"],"additionalProperties":{"$ref":"#/definitions/virtualTable"}}},"definitions":{"names":{"description":"A list of column names.","type":"array","minItems":1,"items":{"type":"string"}},"expression":{"description":"One SQL expression.","type":"string"},"conflict":{"description":"ON CONFLICT resolution.","enum":["ROLLBACK","ABORT","FAIL","IGNORE","REPLACE"]},"action":{"description":"Foreign key action.","enum":["NO ACTION","RESTRICT","SET NULL","SET DEFAULT","CASCADE"]},"table":{"description":"A table.","type":"object","additionalProperties":false,"required":["columns"],"properties":{"renamed_from":{"description":"Migration hint: the table's previous name, so it is renamed (keeping its rows) instead of dropped and created.","type":"string"},"strict":{"description":"CREATE TABLE ... STRICT: values must match the column types.","type":"boolean"},"without_rowid":{"description":"WITHOUT ROWID (needs a primary key).","type":"boolean"},"columns":{"description":"Columns in declaration order, by name. A column is its type (`name: TEXT`) or a map of properties.","type":"object","minProperties":1,"additionalProperties":{"$ref":"#/definitions/column"}},"primary_key":{"description":"Composite primary key: a list of columns, or { columns, name, on_conflict }.","type":["array","object"],"minItems":1,"items":{"type":"string"},"additionalProperties":false,"required":["columns"],"properties":{"columns":{"$ref":"#/definitions/names"},"name":{"description":"CONSTRAINT name.","type":"string"},"on_conflict":{"$ref":"#/definitions/conflict"}}},"unique":{"description":"Table-level UNIQUE constraints: each a list of columns, or { columns, name, on_conflict }.","type":"array","items":{"type":["array","object"],"minItems":1,"items":{"type":"string"},"additionalProperties":false,"required":["columns"],"properties":{"columns":{"$ref":"#/definitions/names"},"name":{"description":"CONSTRAINT name.","type":"string"},"on_conflict":{"$ref":"#/definitions/conflict"}}}},"checks":{"description":"Table-level CHECK constraints: each an expression, or { name, expr }.","type":"array","items":{"$ref":"#/definitions/check"}},"foreign_keys":{"description":"Table-level (multi-column) foreign keys.","type":"array","items":{"$ref":"#/definitions/foreignKey"}},"indexes":{"description":"Indexes on this table, by name: a list of index terms, or { columns, where, unique }.","type":["object","null"],"additionalProperties":{"$ref":"#/definitions/index"}}}},"column":{"description":"A column: its type as a string, or a map of properties ({} for a column without type).","type":["string","object","null"],"additionalProperties":false,"properties":{"type":{"description":"Declared type, exactly as SQLite should see it (INTEGER, TEXT, VARCHAR(255), ...).","type":"string"},"not_null":{"description":"NOT NULL.","type":"boolean"},"default":{"description":"DEFAULT. A number, true/false (1/0), null (NULL); a string is SQL when it is a number, a 'quoted string', X'blob', a (parenthesised expression) or CURRENT_TIMESTAMP/CURRENT_DATE/CURRENT_TIME/NULL/TRUE/FALSE, otherwise a text value. { sql } gives the SQL verbatim.","type":["string","number","boolean","null","object"],"additionalProperties":false,"required":["sql"],"properties":{"sql":{"description":"The default as SQL, written after DEFAULT as is.","type":"string"}}},"collate":{"description":"COLLATE: BINARY, NOCASE, RTRIM or an application collation.","type":"string"},"primary_key":{"description":"PRIMARY KEY on this column alone: true, or { name, on_conflict, desc }.","type":["boolean","object"],"additionalProperties":false,"properties":{"name":{"description":"CONSTRAINT name.","type":"string"},"on_conflict":{"$ref":"#/definitions/conflict"},"desc":{"description":"PRIMARY KEY DESC (the column is then not a rowid alias).","type":"boolean"}}},"autoincrement":{"description":"AUTOINCREMENT (only on an INTEGER primary key column).","type":"boolean"},"unique":{"description":"UNIQUE on this column alone.","type":"boolean"},"check":{"description":"Column CHECK constraints: an expression, { name, expr }, or a list of those.","type":["string","object","array"],"additionalProperties":false,"required":["expr"],"properties":{"name":{"description":"CONSTRAINT name.","type":"string"},"expr":{"$ref":"#/definitions/expression"}},"items":{"$ref":"#/definitions/check"}},"references":{"description":"Foreign key: the parent table's name (its primary key), or { table, column, on_delete, on_update, deferrable, name }.","type":["string","object"],"additionalProperties":false,"required":["table"],"properties":{"table":{"description":"Parent table.","type":"string"},"column":{"description":"Parent column (default: the parent's primary key).","type":"string"},"on_delete":{"$ref":"#/definitions/action"},"on_update":{"$ref":"#/definitions/action"},"deferrable":{"description":"DEFERRABLE INITIALLY DEFERRED.","type":"boolean"},"name":{"description":"CONSTRAINT name.","type":"string"}}},"generated":{"description":"Generated column: an expression (VIRTUAL), or { as, stored }.","type":["string","object"],"additionalProperties":false,"required":["as"],"properties":{"as":{"$ref":"#/definitions/expression"},"stored":{"description":"STORED instead of VIRTUAL.","type":"boolean"}}},"renamed_from":{"description":"Migration hint: the column's previous name, so it is renamed (keeping its values) instead of dropped and added.","type":"string"},"backfill":{"description":"Migration hint: fills the column when it is added (or made NOT NULL): an expression evaluated per row, a SELECT returning one value, or a complete UPDATE statement.","type":"string"}}},"check":{"description":"A CHECK constraint: an expression, or { name, expr }.","type":["string","object"],"additionalProperties":false,"required":["expr"],"properties":{"name":{"description":"CONSTRAINT name.","type":"string"},"expr":{"$ref":"#/definitions/expression"}}},"foreignKey":{"description":"A foreign key: { columns, references: { table, columns, on_delete, on_update, deferrable }, name }.","type":"object","additionalProperties":false,"required":["columns","references"],"properties":{"columns":{"$ref":"#/definitions/names"},"name":{"description":"CONSTRAINT name.","type":"string"},"references":{"description":"The parent table and columns (default: its primary key).","type":"object","additionalProperties":false,"required":["table"],"properties":{"table":{"description":"Parent table.","type":"string"},"columns":{"$ref":"#/definitions/names"},"on_delete":{"$ref":"#/definitions/action"},"on_update":{"$ref":"#/definitions/action"},"deferrable":{"description":"DEFERRABLE INITIALLY DEFERRED.","type":"boolean"}}}}},"indexTerm":{"description":"An index term: SQL such as `name`, `created_at DESC`, `lower(name)`, `name COLLATE NOCASE`; or { column | expr, collate, desc }.","type":["string","object"],"additionalProperties":false,"properties":{"column":{"description":"A column name.","type":"string"},"expr":{"$ref":"#/definitions/expression"},"collate":{"description":"COLLATE for this term.","type":"string"},"desc":{"description":"Descending order.","type":"boolean"}}},"index":{"description":"An index: a list of terms, or { columns, where, unique }.","type":["array","object"],"minItems":1,"items":{"$ref":"#/definitions/indexTerm"},"additionalProperties":false,"required":["columns"],"properties":{"columns":{"description":"Index terms.","type":"array","minItems":1,"items":{"$ref":"#/definitions/indexTerm"}},"where":{"description":"Partial index condition.","type":"string"},"unique":{"description":"CREATE UNIQUE INDEX.","type":"boolean"}}},"view":{"description":"A view: its SELECT statement, or { columns, sql }.","type":["string","object"],"additionalProperties":false,"required":["sql"],"properties":{"columns":{"$ref":"#/definitions/names"},"sql":{"description":"The SELECT statement.","type":"string"}}},"trigger":{"description":"A trigger.","type":"object","additionalProperties":false,"required":["table","timing","event","body"],"properties":{"table":{"description":"The table or view it fires on.","type":"string"},"timing":{"description":"When it fires.","enum":["BEFORE","AFTER","INSTEAD OF"]},"event":{"description":"What fires it.","enum":["INSERT","UPDATE","DELETE"]},"of":{"description":"UPDATE OF these columns only.","type":"array","minItems":1,"items":{"type":"string"}},"when":{"description":"WHEN condition.","type":"string"},"body":{"description":"The statements between BEGIN and END, each ending with ;.","type":"string"}}},"virtualTable":{"description":"The complete CREATE VIRTUAL TABLE statement.","type":"string"}}};
const schema35 = {"description":"A trigger.","type":"object","additionalProperties":false,"required":["table","timing","event","body"],"properties":{"table":{"description":"The table or view it fires on.","type":"string"},"timing":{"description":"When it fires.","enum":["BEFORE","AFTER","INSTEAD OF"]},"event":{"description":"What fires it.","enum":["INSERT","UPDATE","DELETE"]},"of":{"description":"UPDATE OF these columns only.","type":"array","minItems":1,"items":{"type":"string"}},"when":{"description":"WHEN condition.","type":"string"},"body":{"description":"The statements between BEGIN and END, each ending with ;.","type":"string"}}};
const schema36 = {"description":"The complete CREATE VIRTUAL TABLE statement.","type":"string"};
const pattern0 = new RegExp("^x-", "u");
const schema12 = {"description":"A table.","type":"object","additionalProperties":false,"required":["columns"],"properties":{"renamed_from":{"description":"Migration hint: the table's previous name, so it is renamed (keeping its rows) instead of dropped and created.","type":"string"},"strict":{"description":"CREATE TABLE ... STRICT: values must match the column types.","type":"boolean"},"without_rowid":{"description":"WITHOUT ROWID (needs a primary key).","type":"boolean"},"columns":{"description":"Columns in declaration order, by name. A column is its type (`name: TEXT`) or a map of properties.","type":"object","minProperties":1,"additionalProperties":{"$ref":"#/definitions/column"}},"primary_key":{"description":"Composite primary key: a list of columns, or { columns, name, on_conflict }.","type":["array","object"],"minItems":1,"items":{"type":"string"},"additionalProperties":false,"required":["columns"],"properties":{"columns":{"$ref":"#/definitions/names"},"name":{"description":"CONSTRAINT name.","type":"string"},"on_conflict":{"$ref":"#/definitions/conflict"}}},"unique":{"description":"Table-level UNIQUE constraints: each a list of columns, or { columns, name, on_conflict }.","type":"array","items":{"type":["array","object"],"minItems":1,"items":{"type":"string"},"additionalProperties":false,"required":["columns"],"properties":{"columns":{"$ref":"#/definitions/names"},"name":{"description":"CONSTRAINT name.","type":"string"},"on_conflict":{"$ref":"#/definitions/conflict"}}}},"checks":{"description":"Table-level CHECK constraints: each an expression, or { name, expr }.","type":"array","items":{"$ref":"#/definitions/check"}},"foreign_keys":{"description":"Table-level (multi-column) foreign keys.","type":"array","items":{"$ref":"#/definitions/foreignKey"}},"indexes":{"description":"Indexes on this table, by name: a list of index terms, or { columns, where, unique }.","type":["object","null"],"additionalProperties":{"$ref":"#/definitions/index"}}}};
const schema21 = {"description":"A list of column names.","type":"array","minItems":1,"items":{"type":"string"}};
const schema14 = {"description":"ON CONFLICT resolution.","enum":["ROLLBACK","ABORT","FAIL","IGNORE","REPLACE"]};
const func2 = Object.prototype.hasOwnProperty;
const schema13 = {"description":"A column: its type as a string, or a map of properties ({} for a column without type).","type":["string","object","null"],"additionalProperties":false,"properties":{"type":{"description":"Declared type, exactly as SQLite should see it (INTEGER, TEXT, VARCHAR(255), ...).","type":"string"},"not_null":{"description":"NOT NULL.","type":"boolean"},"default":{"description":"DEFAULT. A number, true/false (1/0), null (NULL); a string is SQL when it is a number, a 'quoted string', X'blob', a (parenthesised expression) or CURRENT_TIMESTAMP/CURRENT_DATE/CURRENT_TIME/NULL/TRUE/FALSE, otherwise a text value. { sql } gives the SQL verbatim.","type":["string","number","boolean","null","object"],"additionalProperties":false,"required":["sql"],"properties":{"sql":{"description":"The default as SQL, written after DEFAULT as is.","type":"string"}}},"collate":{"description":"COLLATE: BINARY, NOCASE, RTRIM or an application collation.","type":"string"},"primary_key":{"description":"PRIMARY KEY on this column alone: true, or { name, on_conflict, desc }.","type":["boolean","object"],"additionalProperties":false,"properties":{"name":{"description":"CONSTRAINT name.","type":"string"},"on_conflict":{"$ref":"#/definitions/conflict"},"desc":{"description":"PRIMARY KEY DESC (the column is then not a rowid alias).","type":"boolean"}}},"autoincrement":{"description":"AUTOINCREMENT (only on an INTEGER primary key column).","type":"boolean"},"unique":{"description":"UNIQUE on this column alone.","type":"boolean"},"check":{"description":"Column CHECK constraints: an expression, { name, expr }, or a list of those.","type":["string","object","array"],"additionalProperties":false,"required":["expr"],"properties":{"name":{"description":"CONSTRAINT name.","type":"string"},"expr":{"$ref":"#/definitions/expression"}},"items":{"$ref":"#/definitions/check"}},"references":{"description":"Foreign key: the parent table's name (its primary key), or { table, column, on_delete, on_update, deferrable, name }.","type":["string","object"],"additionalProperties":false,"required":["table"],"properties":{"table":{"description":"Parent table.","type":"string"},"column":{"description":"Parent column (default: the parent's primary key).","type":"string"},"on_delete":{"$ref":"#/definitions/action"},"on_update":{"$ref":"#/definitions/action"},"deferrable":{"description":"DEFERRABLE INITIALLY DEFERRED.","type":"boolean"},"name":{"description":"CONSTRAINT name.","type":"string"}}},"generated":{"description":"Generated column: an expression (VIRTUAL), or { as, stored }.","type":["string","object"],"additionalProperties":false,"required":["as"],"properties":{"as":{"$ref":"#/definitions/expression"},"stored":{"description":"STORED instead of VIRTUAL.","type":"boolean"}}},"renamed_from":{"description":"Migration hint: the column's previous name, so it is renamed (keeping its values) instead of dropped and added.","type":"string"},"backfill":{"description":"Migration hint: fills the column when it is added (or made NOT NULL): an expression evaluated per row, a SELECT returning one value, or a complete UPDATE statement.","type":"string"}}};
const schema16 = {"description":"One SQL expression.","type":"string"};
const schema18 = {"description":"Foreign key action.","enum":["NO ACTION","RESTRICT","SET NULL","SET DEFAULT","CASCADE"]};
const schema15 = {"description":"A CHECK constraint: an expression, or { name, expr }.","type":["string","object"],"additionalProperties":false,"required":["expr"],"properties":{"name":{"description":"CONSTRAINT name.","type":"string"},"expr":{"$ref":"#/definitions/expression"}}};

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((typeof data !== "string") && (!(data && typeof data == "object" && !Array.isArray(data)))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema15.type},message:"must be string,object",schema:schema15.type,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.expr === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "expr"},message:"must have required property '"+"expr"+"'",schema:schema15.required,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "name") || (key0 === "expr"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema15,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 !== "string"){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.name.type,parentSchema:schema15.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.expr !== undefined){
let data1 = data.expr;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/expr",schemaPath:"#/definitions/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
validate13.errors = vErrors;
return errors === 0;
}


function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(((typeof data !== "string") && (!(data && typeof data == "object" && !Array.isArray(data)))) && (data !== null)){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema13.type},message:"must be string,object,null",schema:schema13.type,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema13.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.type.type,parentSchema:schema13.properties.type,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.not_null !== undefined){
let data1 = data.not_null;
if(typeof data1 !== "boolean"){
const err3 = {instancePath:instancePath+"/not_null",schemaPath:"#/properties/not_null/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.not_null.type,parentSchema:schema13.properties.not_null,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.default !== undefined){
let data2 = data.default;
if(((((typeof data2 !== "string") && (!(typeof data2 == "number"))) && (typeof data2 !== "boolean")) && (data2 !== null)) && (!(data2 && typeof data2 == "object" && !Array.isArray(data2)))){
const err4 = {instancePath:instancePath+"/default",schemaPath:"#/properties/default/type",keyword:"type",params:{type: schema13.properties.default.type},message:"must be string,number,boolean,null,object",schema:schema13.properties.default.type,parentSchema:schema13.properties.default,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.sql === undefined){
const err5 = {instancePath:instancePath+"/default",schemaPath:"#/properties/default/required",keyword:"required",params:{missingProperty: "sql"},message:"must have required property '"+"sql"+"'",schema:schema13.properties.default.required,parentSchema:schema13.properties.default,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data2){
if(!(key1 === "sql")){
const err6 = {instancePath:instancePath+"/default",schemaPath:"#/properties/default/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema13.properties.default,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data2.sql !== undefined){
let data3 = data2.sql;
if(typeof data3 !== "string"){
const err7 = {instancePath:instancePath+"/default/sql",schemaPath:"#/properties/default/properties/sql/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.default.properties.sql.type,parentSchema:schema13.properties.default.properties.sql,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
}
if(data.collate !== undefined){
let data4 = data.collate;
if(typeof data4 !== "string"){
const err8 = {instancePath:instancePath+"/collate",schemaPath:"#/properties/collate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.collate.type,parentSchema:schema13.properties.collate,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.primary_key !== undefined){
let data5 = data.primary_key;
if((typeof data5 !== "boolean") && (!(data5 && typeof data5 == "object" && !Array.isArray(data5)))){
const err9 = {instancePath:instancePath+"/primary_key",schemaPath:"#/properties/primary_key/type",keyword:"type",params:{type: schema13.properties.primary_key.type},message:"must be boolean,object",schema:schema13.properties.primary_key.type,parentSchema:schema13.properties.primary_key,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key2 in data5){
if(!(((key2 === "name") || (key2 === "on_conflict")) || (key2 === "desc"))){
const err10 = {instancePath:instancePath+"/primary_key",schemaPath:"#/properties/primary_key/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema13.properties.primary_key,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data5.name !== undefined){
let data6 = data5.name;
if(typeof data6 !== "string"){
const err11 = {instancePath:instancePath+"/primary_key/name",schemaPath:"#/properties/primary_key/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.primary_key.properties.name.type,parentSchema:schema13.properties.primary_key.properties.name,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data5.on_conflict !== undefined){
let data7 = data5.on_conflict;
if(!(((((data7 === "ROLLBACK") || (data7 === "ABORT")) || (data7 === "FAIL")) || (data7 === "IGNORE")) || (data7 === "REPLACE"))){
const err12 = {instancePath:instancePath+"/primary_key/on_conflict",schemaPath:"#/definitions/conflict/enum",keyword:"enum",params:{allowedValues: schema14.enum},message:"must be equal to one of the allowed values",schema:schema14.enum,parentSchema:schema14,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data5.desc !== undefined){
let data8 = data5.desc;
if(typeof data8 !== "boolean"){
const err13 = {instancePath:instancePath+"/primary_key/desc",schemaPath:"#/properties/primary_key/properties/desc/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.primary_key.properties.desc.type,parentSchema:schema13.properties.primary_key.properties.desc,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
}
if(data.autoincrement !== undefined){
let data9 = data.autoincrement;
if(typeof data9 !== "boolean"){
const err14 = {instancePath:instancePath+"/autoincrement",schemaPath:"#/properties/autoincrement/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.autoincrement.type,parentSchema:schema13.properties.autoincrement,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.unique !== undefined){
let data10 = data.unique;
if(typeof data10 !== "boolean"){
const err15 = {instancePath:instancePath+"/unique",schemaPath:"#/properties/unique/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.unique.type,parentSchema:schema13.properties.unique,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.check !== undefined){
let data11 = data.check;
if((!data11 || typeof data11 != "object") && (typeof data11 !== "string")){
const err16 = {instancePath:instancePath+"/check",schemaPath:"#/properties/check/type",keyword:"type",params:{type: schema13.properties.check.type},message:"must be string,object,array",schema:schema13.properties.check.type,parentSchema:schema13.properties.check,data:data11};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(Array.isArray(data11)){
const len0 = data11.length;
for(let i0=0; i0<len0; i0++){
if(!(validate13(data11[i0], {instancePath:instancePath+"/check/" + i0,parentData:data11,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.expr === undefined){
const err17 = {instancePath:instancePath+"/check",schemaPath:"#/properties/check/required",keyword:"required",params:{missingProperty: "expr"},message:"must have required property '"+"expr"+"'",schema:schema13.properties.check.required,parentSchema:schema13.properties.check,data:data11};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key3 in data11){
if(!((key3 === "name") || (key3 === "expr"))){
const err18 = {instancePath:instancePath+"/check",schemaPath:"#/properties/check/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema13.properties.check,data:data11};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data11.name !== undefined){
let data13 = data11.name;
if(typeof data13 !== "string"){
const err19 = {instancePath:instancePath+"/check/name",schemaPath:"#/properties/check/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.check.properties.name.type,parentSchema:schema13.properties.check.properties.name,data:data13};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data11.expr !== undefined){
let data14 = data11.expr;
if(typeof data14 !== "string"){
const err20 = {instancePath:instancePath+"/check/expr",schemaPath:"#/definitions/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data:data14};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
}
if(data.references !== undefined){
let data15 = data.references;
if((typeof data15 !== "string") && (!(data15 && typeof data15 == "object" && !Array.isArray(data15)))){
const err21 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/type",keyword:"type",params:{type: schema13.properties.references.type},message:"must be string,object",schema:schema13.properties.references.type,parentSchema:schema13.properties.references,data:data15};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.table === undefined){
const err22 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/required",keyword:"required",params:{missingProperty: "table"},message:"must have required property '"+"table"+"'",schema:schema13.properties.references.required,parentSchema:schema13.properties.references,data:data15};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key4 in data15){
if(!((((((key4 === "table") || (key4 === "column")) || (key4 === "on_delete")) || (key4 === "on_update")) || (key4 === "deferrable")) || (key4 === "name"))){
const err23 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema13.properties.references,data:data15};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data15.table !== undefined){
let data16 = data15.table;
if(typeof data16 !== "string"){
const err24 = {instancePath:instancePath+"/references/table",schemaPath:"#/properties/references/properties/table/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.references.properties.table.type,parentSchema:schema13.properties.references.properties.table,data:data16};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data15.column !== undefined){
let data17 = data15.column;
if(typeof data17 !== "string"){
const err25 = {instancePath:instancePath+"/references/column",schemaPath:"#/properties/references/properties/column/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.references.properties.column.type,parentSchema:schema13.properties.references.properties.column,data:data17};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data15.on_delete !== undefined){
let data18 = data15.on_delete;
if(!(((((data18 === "NO ACTION") || (data18 === "RESTRICT")) || (data18 === "SET NULL")) || (data18 === "SET DEFAULT")) || (data18 === "CASCADE"))){
const err26 = {instancePath:instancePath+"/references/on_delete",schemaPath:"#/definitions/action/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values",schema:schema18.enum,parentSchema:schema18,data:data18};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data15.on_update !== undefined){
let data19 = data15.on_update;
if(!(((((data19 === "NO ACTION") || (data19 === "RESTRICT")) || (data19 === "SET NULL")) || (data19 === "SET DEFAULT")) || (data19 === "CASCADE"))){
const err27 = {instancePath:instancePath+"/references/on_update",schemaPath:"#/definitions/action/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values",schema:schema18.enum,parentSchema:schema18,data:data19};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data15.deferrable !== undefined){
let data20 = data15.deferrable;
if(typeof data20 !== "boolean"){
const err28 = {instancePath:instancePath+"/references/deferrable",schemaPath:"#/properties/references/properties/deferrable/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.references.properties.deferrable.type,parentSchema:schema13.properties.references.properties.deferrable,data:data20};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data15.name !== undefined){
let data21 = data15.name;
if(typeof data21 !== "string"){
const err29 = {instancePath:instancePath+"/references/name",schemaPath:"#/properties/references/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.references.properties.name.type,parentSchema:schema13.properties.references.properties.name,data:data21};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
}
if(data.generated !== undefined){
let data22 = data.generated;
if((typeof data22 !== "string") && (!(data22 && typeof data22 == "object" && !Array.isArray(data22)))){
const err30 = {instancePath:instancePath+"/generated",schemaPath:"#/properties/generated/type",keyword:"type",params:{type: schema13.properties.generated.type},message:"must be string,object",schema:schema13.properties.generated.type,parentSchema:schema13.properties.generated,data:data22};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.as === undefined){
const err31 = {instancePath:instancePath+"/generated",schemaPath:"#/properties/generated/required",keyword:"required",params:{missingProperty: "as"},message:"must have required property '"+"as"+"'",schema:schema13.properties.generated.required,parentSchema:schema13.properties.generated,data:data22};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key5 in data22){
if(!((key5 === "as") || (key5 === "stored"))){
const err32 = {instancePath:instancePath+"/generated",schemaPath:"#/properties/generated/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema13.properties.generated,data:data22};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data22.as !== undefined){
let data23 = data22.as;
if(typeof data23 !== "string"){
const err33 = {instancePath:instancePath+"/generated/as",schemaPath:"#/definitions/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data:data23};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data22.stored !== undefined){
let data24 = data22.stored;
if(typeof data24 !== "boolean"){
const err34 = {instancePath:instancePath+"/generated/stored",schemaPath:"#/properties/generated/properties/stored/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.generated.properties.stored.type,parentSchema:schema13.properties.generated.properties.stored,data:data24};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
}
if(data.renamed_from !== undefined){
let data25 = data.renamed_from;
if(typeof data25 !== "string"){
const err35 = {instancePath:instancePath+"/renamed_from",schemaPath:"#/properties/renamed_from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.renamed_from.type,parentSchema:schema13.properties.renamed_from,data:data25};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.backfill !== undefined){
let data26 = data.backfill;
if(typeof data26 !== "string"){
const err36 = {instancePath:instancePath+"/backfill",schemaPath:"#/properties/backfill/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.backfill.type,parentSchema:schema13.properties.backfill,data:data26};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
validate12.errors = vErrors;
return errors === 0;
}

const schema25 = {"description":"A foreign key: { columns, references: { table, columns, on_delete, on_update, deferrable }, name }.","type":"object","additionalProperties":false,"required":["columns","references"],"properties":{"columns":{"$ref":"#/definitions/names"},"name":{"description":"CONSTRAINT name.","type":"string"},"references":{"description":"The parent table and columns (default: its primary key).","type":"object","additionalProperties":false,"required":["table"],"properties":{"table":{"description":"Parent table.","type":"string"},"columns":{"$ref":"#/definitions/names"},"on_delete":{"$ref":"#/definitions/action"},"on_update":{"$ref":"#/definitions/action"},"deferrable":{"description":"DEFERRABLE INITIALLY DEFERRED.","type":"boolean"}}}}};

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.columns === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "columns"},message:"must have required property '"+"columns"+"'",schema:schema25.required,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.references === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "references"},message:"must have required property '"+"references"+"'",schema:schema25.required,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "columns") || (key0 === "name")) || (key0 === "references"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.columns !== undefined){
let data0 = data.columns;
if(Array.isArray(data0)){
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/columns",schemaPath:"#/definitions/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema21,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/columns/" + i0,schemaPath:"#/definitions/names/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.items.type,parentSchema:schema21.items,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/columns",schemaPath:"#/definitions/names/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema21.type,parentSchema:schema21,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data2 = data.name;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.name.type,parentSchema:schema25.properties.name,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.references !== undefined){
let data3 = data.references;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.table === undefined){
const err7 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/required",keyword:"required",params:{missingProperty: "table"},message:"must have required property '"+"table"+"'",schema:schema25.properties.references.required,parentSchema:schema25.properties.references,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data3){
if(!(((((key1 === "table") || (key1 === "columns")) || (key1 === "on_delete")) || (key1 === "on_update")) || (key1 === "deferrable"))){
const err8 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema25.properties.references,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data3.table !== undefined){
let data4 = data3.table;
if(typeof data4 !== "string"){
const err9 = {instancePath:instancePath+"/references/table",schemaPath:"#/properties/references/properties/table/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.properties.references.properties.table.type,parentSchema:schema25.properties.references.properties.table,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data3.columns !== undefined){
let data5 = data3.columns;
if(Array.isArray(data5)){
if(data5.length < 1){
const err10 = {instancePath:instancePath+"/references/columns",schemaPath:"#/definitions/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema21,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
let data6 = data5[i1];
if(typeof data6 !== "string"){
const err11 = {instancePath:instancePath+"/references/columns/" + i1,schemaPath:"#/definitions/names/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.items.type,parentSchema:schema21.items,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/references/columns",schemaPath:"#/definitions/names/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema21.type,parentSchema:schema21,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.on_delete !== undefined){
let data7 = data3.on_delete;
if(!(((((data7 === "NO ACTION") || (data7 === "RESTRICT")) || (data7 === "SET NULL")) || (data7 === "SET DEFAULT")) || (data7 === "CASCADE"))){
const err13 = {instancePath:instancePath+"/references/on_delete",schemaPath:"#/definitions/action/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values",schema:schema18.enum,parentSchema:schema18,data:data7};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data3.on_update !== undefined){
let data8 = data3.on_update;
if(!(((((data8 === "NO ACTION") || (data8 === "RESTRICT")) || (data8 === "SET NULL")) || (data8 === "SET DEFAULT")) || (data8 === "CASCADE"))){
const err14 = {instancePath:instancePath+"/references/on_update",schemaPath:"#/definitions/action/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values",schema:schema18.enum,parentSchema:schema18,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.deferrable !== undefined){
let data9 = data3.deferrable;
if(typeof data9 !== "boolean"){
const err15 = {instancePath:instancePath+"/references/deferrable",schemaPath:"#/properties/references/properties/deferrable/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema25.properties.references.properties.deferrable.type,parentSchema:schema25.properties.references.properties.deferrable,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.properties.references.type,parentSchema:schema25.properties.references,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.type,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}

const schema30 = {"description":"An index: a list of terms, or { columns, where, unique }.","type":["array","object"],"minItems":1,"items":{"$ref":"#/definitions/indexTerm"},"additionalProperties":false,"required":["columns"],"properties":{"columns":{"description":"Index terms.","type":"array","minItems":1,"items":{"$ref":"#/definitions/indexTerm"}},"where":{"description":"Partial index condition.","type":"string"},"unique":{"description":"CREATE UNIQUE INDEX.","type":"boolean"}}};
const schema31 = {"description":"An index term: SQL such as `name`, `created_at DESC`, `lower(name)`, `name COLLATE NOCASE`; or { column | expr, collate, desc }.","type":["string","object"],"additionalProperties":false,"properties":{"column":{"description":"A column name.","type":"string"},"expr":{"$ref":"#/definitions/expression"},"collate":{"description":"COLLATE for this term.","type":"string"},"desc":{"description":"Descending order.","type":"boolean"}}};

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((typeof data !== "string") && (!(data && typeof data == "object" && !Array.isArray(data)))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema31.type},message:"must be string,object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "column") || (key0 === "expr")) || (key0 === "collate")) || (key0 === "desc"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.column !== undefined){
let data0 = data.column;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/column",schemaPath:"#/properties/column/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.column.type,parentSchema:schema31.properties.column,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.expr !== undefined){
let data1 = data.expr;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/expr",schemaPath:"#/definitions/expression/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.type,parentSchema:schema16,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.collate !== undefined){
let data2 = data.collate;
if(typeof data2 !== "string"){
const err4 = {instancePath:instancePath+"/collate",schemaPath:"#/properties/collate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.collate.type,parentSchema:schema31.properties.collate,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.desc !== undefined){
let data3 = data.desc;
if(typeof data3 !== "boolean"){
const err5 = {instancePath:instancePath+"/desc",schemaPath:"#/properties/desc/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.desc.type,parentSchema:schema31.properties.desc,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
validate20.errors = vErrors;
return errors === 0;
}


function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(!data || typeof data != "object"){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema30.type},message:"must be array,object",schema:schema30.type,parentSchema:schema30,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(Array.isArray(data)){
if(data.length < 1){
const err1 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate20(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.columns === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "columns"},message:"must have required property '"+"columns"+"'",schema:schema30.required,parentSchema:schema30,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "columns") || (key0 === "where")) || (key0 === "unique"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema30,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.columns !== undefined){
let data1 = data.columns;
if(Array.isArray(data1)){
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/columns",schemaPath:"#/properties/columns/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema30.properties.columns,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len1 = data1.length;
for(let i1=0; i1<len1; i1++){
if(!(validate20(data1[i1], {instancePath:instancePath+"/columns/" + i1,parentData:data1,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
}
else {
const err5 = {instancePath:instancePath+"/columns",schemaPath:"#/properties/columns/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema30.properties.columns.type,parentSchema:schema30.properties.columns,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.where !== undefined){
let data3 = data.where;
if(typeof data3 !== "string"){
const err6 = {instancePath:instancePath+"/where",schemaPath:"#/properties/where/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.properties.where.type,parentSchema:schema30.properties.where,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.unique !== undefined){
let data4 = data.unique;
if(typeof data4 !== "boolean"){
const err7 = {instancePath:instancePath+"/unique",schemaPath:"#/properties/unique/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema30.properties.unique.type,parentSchema:schema30.properties.unique,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
validate19.errors = vErrors;
return errors === 0;
}


function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.columns === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "columns"},message:"must have required property '"+"columns"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.renamed_from !== undefined){
let data0 = data.renamed_from;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/renamed_from",schemaPath:"#/properties/renamed_from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.renamed_from.type,parentSchema:schema12.properties.renamed_from,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.strict !== undefined){
let data1 = data.strict;
if(typeof data1 !== "boolean"){
const err3 = {instancePath:instancePath+"/strict",schemaPath:"#/properties/strict/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.strict.type,parentSchema:schema12.properties.strict,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.without_rowid !== undefined){
let data2 = data.without_rowid;
if(typeof data2 !== "boolean"){
const err4 = {instancePath:instancePath+"/without_rowid",schemaPath:"#/properties/without_rowid/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.without_rowid.type,parentSchema:schema12.properties.without_rowid,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.columns !== undefined){
let data3 = data.columns;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(Object.keys(data3).length < 1){
const err5 = {instancePath:instancePath+"/columns",schemaPath:"#/properties/columns/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema12.properties.columns,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data3){
if(!(validate12(data3[key1], {instancePath:instancePath+"/columns/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data3,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
}
else {
const err6 = {instancePath:instancePath+"/columns",schemaPath:"#/properties/columns/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.columns.type,parentSchema:schema12.properties.columns,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.primary_key !== undefined){
let data5 = data.primary_key;
if(!data5 || typeof data5 != "object"){
const err7 = {instancePath:instancePath+"/primary_key",schemaPath:"#/properties/primary_key/type",keyword:"type",params:{type: schema12.properties.primary_key.type},message:"must be array,object",schema:schema12.properties.primary_key.type,parentSchema:schema12.properties.primary_key,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(Array.isArray(data5)){
if(data5.length < 1){
const err8 = {instancePath:instancePath+"/primary_key",schemaPath:"#/properties/primary_key/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.primary_key,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 !== "string"){
const err9 = {instancePath:instancePath+"/primary_key/" + i0,schemaPath:"#/properties/primary_key/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.primary_key.items.type,parentSchema:schema12.properties.primary_key.items,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.columns === undefined){
const err10 = {instancePath:instancePath+"/primary_key",schemaPath:"#/properties/primary_key/required",keyword:"required",params:{missingProperty: "columns"},message:"must have required property '"+"columns"+"'",schema:schema12.properties.primary_key.required,parentSchema:schema12.properties.primary_key,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key2 in data5){
if(!(((key2 === "columns") || (key2 === "name")) || (key2 === "on_conflict"))){
const err11 = {instancePath:instancePath+"/primary_key",schemaPath:"#/properties/primary_key/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.primary_key,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data5.columns !== undefined){
let data7 = data5.columns;
if(Array.isArray(data7)){
if(data7.length < 1){
const err12 = {instancePath:instancePath+"/primary_key/columns",schemaPath:"#/definitions/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema21,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len1 = data7.length;
for(let i1=0; i1<len1; i1++){
let data8 = data7[i1];
if(typeof data8 !== "string"){
const err13 = {instancePath:instancePath+"/primary_key/columns/" + i1,schemaPath:"#/definitions/names/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.items.type,parentSchema:schema21.items,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/primary_key/columns",schemaPath:"#/definitions/names/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema21.type,parentSchema:schema21,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data5.name !== undefined){
let data9 = data5.name;
if(typeof data9 !== "string"){
const err15 = {instancePath:instancePath+"/primary_key/name",schemaPath:"#/properties/primary_key/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.primary_key.properties.name.type,parentSchema:schema12.properties.primary_key.properties.name,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data5.on_conflict !== undefined){
let data10 = data5.on_conflict;
if(!(((((data10 === "ROLLBACK") || (data10 === "ABORT")) || (data10 === "FAIL")) || (data10 === "IGNORE")) || (data10 === "REPLACE"))){
const err16 = {instancePath:instancePath+"/primary_key/on_conflict",schemaPath:"#/definitions/conflict/enum",keyword:"enum",params:{allowedValues: schema14.enum},message:"must be equal to one of the allowed values",schema:schema14.enum,parentSchema:schema14,data:data10};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
if(data.unique !== undefined){
let data11 = data.unique;
if(Array.isArray(data11)){
const len2 = data11.length;
for(let i2=0; i2<len2; i2++){
let data12 = data11[i2];
if(!data12 || typeof data12 != "object"){
const err17 = {instancePath:instancePath+"/unique/" + i2,schemaPath:"#/properties/unique/items/type",keyword:"type",params:{type: schema12.properties.unique.items.type},message:"must be array,object",schema:schema12.properties.unique.items.type,parentSchema:schema12.properties.unique.items,data:data12};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(Array.isArray(data12)){
if(data12.length < 1){
const err18 = {instancePath:instancePath+"/unique/" + i2,schemaPath:"#/properties/unique/items/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.unique.items,data:data12};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
const len3 = data12.length;
for(let i3=0; i3<len3; i3++){
let data13 = data12[i3];
if(typeof data13 !== "string"){
const err19 = {instancePath:instancePath+"/unique/" + i2+"/" + i3,schemaPath:"#/properties/unique/items/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.unique.items.items.type,parentSchema:schema12.properties.unique.items.items,data:data13};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.columns === undefined){
const err20 = {instancePath:instancePath+"/unique/" + i2,schemaPath:"#/properties/unique/items/required",keyword:"required",params:{missingProperty: "columns"},message:"must have required property '"+"columns"+"'",schema:schema12.properties.unique.items.required,parentSchema:schema12.properties.unique.items,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
for(const key3 in data12){
if(!(((key3 === "columns") || (key3 === "name")) || (key3 === "on_conflict"))){
const err21 = {instancePath:instancePath+"/unique/" + i2,schemaPath:"#/properties/unique/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.unique.items,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data12.columns !== undefined){
let data14 = data12.columns;
if(Array.isArray(data14)){
if(data14.length < 1){
const err22 = {instancePath:instancePath+"/unique/" + i2+"/columns",schemaPath:"#/definitions/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema21,data:data14};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const len4 = data14.length;
for(let i4=0; i4<len4; i4++){
let data15 = data14[i4];
if(typeof data15 !== "string"){
const err23 = {instancePath:instancePath+"/unique/" + i2+"/columns/" + i4,schemaPath:"#/definitions/names/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.items.type,parentSchema:schema21.items,data:data15};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/unique/" + i2+"/columns",schemaPath:"#/definitions/names/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema21.type,parentSchema:schema21,data:data14};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data12.name !== undefined){
let data16 = data12.name;
if(typeof data16 !== "string"){
const err25 = {instancePath:instancePath+"/unique/" + i2+"/name",schemaPath:"#/properties/unique/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.unique.items.properties.name.type,parentSchema:schema12.properties.unique.items.properties.name,data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data12.on_conflict !== undefined){
let data17 = data12.on_conflict;
if(!(((((data17 === "ROLLBACK") || (data17 === "ABORT")) || (data17 === "FAIL")) || (data17 === "IGNORE")) || (data17 === "REPLACE"))){
const err26 = {instancePath:instancePath+"/unique/" + i2+"/on_conflict",schemaPath:"#/definitions/conflict/enum",keyword:"enum",params:{allowedValues: schema14.enum},message:"must be equal to one of the allowed values",schema:schema14.enum,parentSchema:schema14,data:data17};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
}
}
else {
const err27 = {instancePath:instancePath+"/unique",schemaPath:"#/properties/unique/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.unique.type,parentSchema:schema12.properties.unique,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.checks !== undefined){
let data18 = data.checks;
if(Array.isArray(data18)){
const len5 = data18.length;
for(let i5=0; i5<len5; i5++){
if(!(validate13(data18[i5], {instancePath:instancePath+"/checks/" + i5,parentData:data18,parentDataProperty:i5,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err28 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.checks.type,parentSchema:schema12.properties.checks,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.foreign_keys !== undefined){
let data20 = data.foreign_keys;
if(Array.isArray(data20)){
const len6 = data20.length;
for(let i6=0; i6<len6; i6++){
if(!(validate17(data20[i6], {instancePath:instancePath+"/foreign_keys/" + i6,parentData:data20,parentDataProperty:i6,rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
}
else {
const err29 = {instancePath:instancePath+"/foreign_keys",schemaPath:"#/properties/foreign_keys/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.foreign_keys.type,parentSchema:schema12.properties.foreign_keys,data:data20};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.indexes !== undefined){
let data22 = data.indexes;
if((!(data22 && typeof data22 == "object" && !Array.isArray(data22))) && (data22 !== null)){
const err30 = {instancePath:instancePath+"/indexes",schemaPath:"#/properties/indexes/type",keyword:"type",params:{type: schema12.properties.indexes.type},message:"must be object,null",schema:schema12.properties.indexes.type,parentSchema:schema12.properties.indexes,data:data22};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key4 in data22){
if(!(validate19(data22[key4], {instancePath:instancePath+"/indexes/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data22,parentDataProperty:key4,rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
}
}
}
else {
const err31 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema33 = {"description":"A view: its SELECT statement, or { columns, sql }.","type":["string","object"],"additionalProperties":false,"required":["sql"],"properties":{"columns":{"$ref":"#/definitions/names"},"sql":{"description":"The SELECT statement.","type":"string"}}};

function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if((typeof data !== "string") && (!(data && typeof data == "object" && !Array.isArray(data)))){
const err0 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: schema33.type},message:"must be string,object",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.sql === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "sql"},message:"must have required property '"+"sql"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "columns") || (key0 === "sql"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.columns !== undefined){
let data0 = data.columns;
if(Array.isArray(data0)){
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/columns",schemaPath:"#/definitions/names/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema21,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/columns/" + i0,schemaPath:"#/definitions/names/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema21.items.type,parentSchema:schema21.items,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/columns",schemaPath:"#/definitions/names/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema21.type,parentSchema:schema21,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.sql !== undefined){
let data2 = data.sql;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/sql",schemaPath:"#/properties/sql/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.sql.type,parentSchema:schema33.properties.sql,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
validate25.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((key0 === "tables") || (key0 === "views")) || (key0 === "triggers")) || (key0 === "virtual_tables")) || (pattern0.test(key0)))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.tables !== undefined){
let data0 = data.tables;
if((!(data0 && typeof data0 == "object" && !Array.isArray(data0))) && (data0 !== null)){
const err1 = {instancePath:instancePath+"/tables",schemaPath:"#/properties/tables/type",keyword:"type",params:{type: schema11.properties.tables.type},message:"must be object,null",schema:schema11.properties.tables.type,parentSchema:schema11.properties.tables,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!(validate11(data0[key1], {instancePath:instancePath+"/tables/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data0,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
}
if(data.views !== undefined){
let data2 = data.views;
if((!(data2 && typeof data2 == "object" && !Array.isArray(data2))) && (data2 !== null)){
const err2 = {instancePath:instancePath+"/views",schemaPath:"#/properties/views/type",keyword:"type",params:{type: schema11.properties.views.type},message:"must be object,null",schema:schema11.properties.views.type,parentSchema:schema11.properties.views,data:data2};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key2 in data2){
if(!(validate25(data2[key2], {instancePath:instancePath+"/views/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data2,parentDataProperty:key2,rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
}
}
}
if(data.triggers !== undefined){
let data4 = data.triggers;
if((!(data4 && typeof data4 == "object" && !Array.isArray(data4))) && (data4 !== null)){
const err3 = {instancePath:instancePath+"/triggers",schemaPath:"#/properties/triggers/type",keyword:"type",params:{type: schema11.properties.triggers.type},message:"must be object,null",schema:schema11.properties.triggers.type,parentSchema:schema11.properties.triggers,data:data4};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key3 in data4){
let data5 = data4[key3];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.table === undefined){
const err4 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/trigger/required",keyword:"required",params:{missingProperty: "table"},message:"must have required property '"+"table"+"'",schema:schema35.required,parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data5.timing === undefined){
const err5 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/trigger/required",keyword:"required",params:{missingProperty: "timing"},message:"must have required property '"+"timing"+"'",schema:schema35.required,parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data5.event === undefined){
const err6 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/trigger/required",keyword:"required",params:{missingProperty: "event"},message:"must have required property '"+"event"+"'",schema:schema35.required,parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data5.body === undefined){
const err7 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/trigger/required",keyword:"required",params:{missingProperty: "body"},message:"must have required property '"+"body"+"'",schema:schema35.required,parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key4 in data5){
if(!((((((key4 === "table") || (key4 === "timing")) || (key4 === "event")) || (key4 === "of")) || (key4 === "when")) || (key4 === "body"))){
const err8 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/trigger/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data5.table !== undefined){
let data6 = data5.table;
if(typeof data6 !== "string"){
const err9 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/table",schemaPath:"#/definitions/trigger/properties/table/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.table.type,parentSchema:schema35.properties.table,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data5.timing !== undefined){
let data7 = data5.timing;
if(!(((data7 === "BEFORE") || (data7 === "AFTER")) || (data7 === "INSTEAD OF"))){
const err10 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/timing",schemaPath:"#/definitions/trigger/properties/timing/enum",keyword:"enum",params:{allowedValues: schema35.properties.timing.enum},message:"must be equal to one of the allowed values",schema:schema35.properties.timing.enum,parentSchema:schema35.properties.timing,data:data7};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data5.event !== undefined){
let data8 = data5.event;
if(!(((data8 === "INSERT") || (data8 === "UPDATE")) || (data8 === "DELETE"))){
const err11 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/event",schemaPath:"#/definitions/trigger/properties/event/enum",keyword:"enum",params:{allowedValues: schema35.properties.event.enum},message:"must be equal to one of the allowed values",schema:schema35.properties.event.enum,parentSchema:schema35.properties.event,data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data5.of !== undefined){
let data9 = data5.of;
if(Array.isArray(data9)){
if(data9.length < 1){
const err12 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/of",schemaPath:"#/definitions/trigger/properties/of/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema35.properties.of,data:data9};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len0 = data9.length;
for(let i0=0; i0<len0; i0++){
let data10 = data9[i0];
if(typeof data10 !== "string"){
const err13 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/of/" + i0,schemaPath:"#/definitions/trigger/properties/of/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.of.items.type,parentSchema:schema35.properties.of.items,data:data10};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/of",schemaPath:"#/definitions/trigger/properties/of/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema35.properties.of.type,parentSchema:schema35.properties.of,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data5.when !== undefined){
let data11 = data5.when;
if(typeof data11 !== "string"){
const err15 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/when",schemaPath:"#/definitions/trigger/properties/when/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.when.type,parentSchema:schema35.properties.when,data:data11};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data5.body !== undefined){
let data12 = data5.body;
if(typeof data12 !== "string"){
const err16 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/body",schemaPath:"#/definitions/trigger/properties/body/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.properties.body.type,parentSchema:schema35.properties.body,data:data12};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/triggers/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/trigger/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.type,parentSchema:schema35,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
}
if(data.virtual_tables !== undefined){
let data13 = data.virtual_tables;
if((!(data13 && typeof data13 == "object" && !Array.isArray(data13))) && (data13 !== null)){
const err18 = {instancePath:instancePath+"/virtual_tables",schemaPath:"#/properties/virtual_tables/type",keyword:"type",params:{type: schema11.properties.virtual_tables.type},message:"must be object,null",schema:schema11.properties.virtual_tables.type,parentSchema:schema11.properties.virtual_tables,data:data13};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key5 in data13){
let data14 = data13[key5];
if(typeof data14 !== "string"){
const err19 = {instancePath:instancePath+"/virtual_tables/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/virtualTable/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.type,parentSchema:schema36,data:data14};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
}
}
else {
const err20 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

