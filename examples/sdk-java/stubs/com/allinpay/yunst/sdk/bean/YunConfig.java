package com.allinpay.yunst.sdk.bean;

/**
 * A stand-in for the official yunst-sdk's YunConfig, with its names and its
 * constructor's parameter order, so that tsymock's Java guide compiles and
 * runs without the SDK's jar (docs/sdks.md). Use the real SDK in your project.
 */
public class YunConfig {
    private String serverUrl;
    private String sysId;
    private String pwd;
    private String alias;
    private String version;
    private String path;
    private String tlCertPath;

    public YunConfig() {
    }

    public YunConfig(String serverUrl, String sysId, String pwd, String alias, String version, String path, String tlCertPath) {
        this.serverUrl = serverUrl;
        this.sysId = sysId;
        this.pwd = pwd;
        this.alias = alias;
        this.version = version;
        this.path = path;
        this.tlCertPath = tlCertPath;
    }

    public String getServerUrl() { return serverUrl; }
    public void setServerUrl(String serverUrl) { this.serverUrl = serverUrl; }
    public String getSysId() { return sysId; }
    public void setSysId(String sysId) { this.sysId = sysId; }
    public String getPwd() { return pwd; }
    public void setPwd(String pwd) { this.pwd = pwd; }
    public String getAlias() { return alias; }
    public void setAlias(String alias) { this.alias = alias; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getTlCertPath() { return tlCertPath; }
    public void setTlCertPath(String tlCertPath) { this.tlCertPath = tlCertPath; }
}
